import { coreApis, SessionState } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oidcAuthApiRef } from '../auth';
import { sessionModule } from '.';

/** A fake of the console's OIDC auth API, signed in. */
function fakeOidc() {
  return {
    signIn: jest.fn(async () => {}),
    signOut: jest.fn(async () => {}),
    getBackstageIdentity: jest.fn(async () => ({
      token: 'new-token',
      identity: {
        type: 'user' as const,
        userEntityRef: 'user:default/viewer',
        ownershipEntityRefs: ['user:default/viewer'],
      },
    })),
    sessionState$: () =>
      ({
        subscribe(observer: (state: SessionState) => void) {
          observer(SessionState.SignedIn);
          return { closed: false, unsubscribe() {} };
        },
      } as any),
  };
}

describe('the session module in the app', () => {
  const fetchSpy = jest.spyOn(global, 'fetch');
  afterEach(() => fetchSpy.mockReset());
  afterAll(() => fetchSpy.mockRestore());

  it("replaces the app's fetch API: a refused request shows the banner, and signing in again clears it", async () => {
    fetchSpy.mockImplementation(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'AuthenticationError',
              message:
                'your sessions were ended (logged out everywhere): sign in again',
            },
            response: { statusCode: 401 },
          }),
          { status: 401, headers: { 'content-type': 'application/json' } },
        ),
    );
    const oidc = fakeOidc();
    const { apis } = renderTestApp({
      features: [sessionModule],
      apis: [
        mockApis.identity({
          userEntityRef: 'user:default/viewer',
          token: 'old-token',
        }),
        [oidcAuthApiRef, oidc as any],
      ],
    });

    // let the app shell finish loading its lazy parts
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));

    let response: Response | undefined;
    await act(async () => {
      response = await apis
        .get(coreApis.fetch)!
        .fetch('plugin://workflows/executions');
    });

    expect(response?.status).toBe(401);
    // the default behaviour is kept: plugin:// resolved, token injected
    const sent = new Request(fetchSpy.mock.calls[0][0] as Request);
    expect(sent.url).toBe('http://localhost:7007/api/workflows/executions');
    expect(sent.headers.get('authorization')).toBe('Bearer old-token');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Your session has ended: your sessions were ended (logged out everywhere): sign in again',
    );

    await userEvent.click(
      within(alert).getByRole('button', { name: 'Sign in again' }),
    );

    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(oidc.signOut).toHaveBeenCalled();
    expect(oidc.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
  });
});
