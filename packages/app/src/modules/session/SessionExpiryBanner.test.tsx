import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oidcAuthApiRef } from '../auth';
import { SessionExpiryBanner } from './SessionExpiryBanner';
import { sessionExpiryApiRef, SessionExpiryStore } from './SessionExpiryStore';

const REVOKED = 'this session was revoked: sign in again';

function identityResponse(userEntityRef: string) {
  return {
    token: 'new-token',
    identity: {
      type: 'user' as const,
      userEntityRef,
      ownershipEntityRefs: [userEntityRef],
    },
  };
}

function renderBanner(
  options: {
    oidc?: boolean;
    getBackstageIdentity?: jest.Mock;
    signOut?: jest.Mock;
  } = {},
) {
  const store = new SessionExpiryStore();
  if (options.oidc ?? true) store.noteOidcSignIn();
  const oidcAuthApi = {
    getBackstageIdentity:
      options.getBackstageIdentity ??
      jest.fn(async () => identityResponse('user:default/viewer')),
    signOut: options.signOut ?? jest.fn(async () => {}),
    signIn: jest.fn(async () => {}),
    sessionState$: jest.fn(),
  };
  const reload = jest.fn();
  render(
    <TestApiProvider
      apis={[
        [sessionExpiryApiRef, store],
        [oidcAuthApiRef, oidcAuthApi as any],
        mockApis.identity({ userEntityRef: 'user:default/viewer' }),
      ]}
    >
      <button type="button">Retry</button>
      <SessionExpiryBanner reload={reload} />
    </TestApiProvider>,
  );
  return { store, oidcAuthApi, reload };
}

const banner = () =>
  screen
    .queryAllByRole('alert')
    .find(el => el.textContent?.includes('Your session has ended'));

describe('SessionExpiryBanner', () => {
  it('shows nothing while the session is accepted', () => {
    renderBanner();
    expect(banner()).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Sign in again' })).toBeNull();
  });

  it('appears with the reason as plain text and a focusable Sign in again button', async () => {
    const { store } = renderBanner();
    act(() => store.reportRefused('<img src=x onerror=alert(1)> revoked'));

    const alert = banner()!;
    expect(alert).toHaveTextContent(
      'Your session has ended: <img src=x onerror=alert(1)> revoked',
    );
    expect(alert.querySelector('img')).toBeNull();
    const button = within(alert).getByRole('button', { name: 'Sign in again' });
    await userEvent.tab();
    await userEvent.tab();
    expect(button).toHaveFocus();
  });

  it('is announced once for repeated refusals with the same reason', () => {
    const { store } = renderBanner();
    act(() => store.reportRefused(REVOKED));
    const first = banner()!;
    const observer = new MutationObserver(() => {});
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });

    act(() => {
      store.reportRefused(REVOKED);
      store.reportRefused(REVOKED);
      store.reportRefused(REVOKED);
    });

    expect(observer.takeRecords()).toHaveLength(0); // the alert did not change
    observer.disconnect();
    expect(screen.getAllByRole('alert')).toEqual([first]);
  });

  it('signs in again through the OIDC popup without leaving the page, then clears', async () => {
    const { store, oidcAuthApi, reload } = renderBanner();
    act(() => store.reportRefused(REVOKED));

    await userEvent.click(
      within(banner()!).getByRole('button', { name: 'Sign in again' }),
    );

    await waitFor(() => expect(banner()).toBeUndefined());
    // the refused session is dropped, then the popup opens at once
    expect(oidcAuthApi.signOut).toHaveBeenCalledTimes(1);
    expect(oidcAuthApi.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
    expect(oidcAuthApi.signOut.mock.invocationCallOrder[0]).toBeLessThan(
      oidcAuthApi.getBackstageIdentity.mock.invocationCallOrder[0],
    );
    expect(reload).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toEqual({ status: 'active' });
    expect(store.generation).toBe(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      'You are signed in again',
    );
  });

  it('says that it waits for the sign-in window while it is open', async () => {
    let finish: (value: unknown) => void = () => {};
    const { store } = renderBanner({
      getBackstageIdentity: jest.fn(
        () =>
          new Promise(resolve => {
            finish = resolve;
          }),
      ),
    });
    act(() => store.reportRefused(REVOKED));
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in again' }),
    );

    expect(
      await screen.findByText('Finish signing in in the window that opened.'),
    ).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Sign in again' });
    expect(button).toHaveAttribute('aria-disabled', 'true');

    await act(async () => finish(identityResponse('user:default/viewer')));
    await waitFor(() => expect(banner()).toBeUndefined());
  });

  it('stays, with the error, when signing in again fails; a second try can work', async () => {
    const getBackstageIdentity = jest
      .fn()
      .mockRejectedValueOnce(
        Object.assign(new Error('Login failed, popup was closed'), {
          name: 'PopupClosedError',
        }),
      )
      .mockResolvedValueOnce(identityResponse('user:default/viewer'));
    const { store } = renderBanner({ getBackstageIdentity });
    act(() => store.reportRefused(REVOKED));

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in again' }),
    );

    expect(
      await screen.findByText(
        'Signing in again did not work: Login failed, popup was closed',
      ),
    ).toBeInTheDocument();
    expect(banner()).toHaveTextContent(`Your session has ended: ${REVOKED}`);
    expect(store.getSnapshot().status).toBe('ended');

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in again' }),
    );
    await waitFor(() => expect(banner()).toBeUndefined());
  });

  it('reloads the page (same URL) when another user signed in in the popup', async () => {
    const { store, reload } = renderBanner({
      getBackstageIdentity: jest.fn(async () =>
        identityResponse('user:default/admin'),
      ),
    });
    act(() => store.reportRefused(REVOKED));

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in again' }),
    );

    await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
  });

  it('reloads the page for a guest, who has no popup to reopen', async () => {
    const { store, oidcAuthApi, reload } = renderBanner({ oidc: false });
    act(() => store.reportRefused(REVOKED));

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in again' }),
    );

    expect(reload).toHaveBeenCalledTimes(1);
    expect(oidcAuthApi.signOut).not.toHaveBeenCalled();
    expect(oidcAuthApi.getBackstageIdentity).not.toHaveBeenCalled();
  });

  it('returns keyboard focus to where it came from after signing in again', async () => {
    const { store } = renderBanner();
    act(() => store.reportRefused(REVOKED));
    const retry = screen.getByRole('button', { name: 'Retry' });
    retry.focus();
    // from the page's Retry button, Tab reaches the banner's button
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Sign in again' })).toHaveFocus();

    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(banner()).toBeUndefined());
    expect(retry).toHaveFocus();
  });
});
