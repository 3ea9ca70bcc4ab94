import { mockApis } from '@backstage/frontend-test-utils';
import { createConsoleFetchApi } from './createConsoleFetchApi';
import { SessionExpiryStore } from './SessionExpiryStore';
import { cleanReason, DEFAULT_REASON } from './sessionExpiryMiddleware';

const BACKEND = 'http://localhost:7007';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const refused = (message: string) =>
  json(401, {
    error: { name: 'AuthenticationError', message },
    request: { method: 'GET', url: '/api/workflows/executions' },
    response: { statusCode: 401 },
  });

function setup() {
  const store = new SessionExpiryStore();
  const base = jest.fn<Promise<Response>, [RequestInfo | URL, RequestInit?]>();
  const fetchApi = createConsoleFetchApi({
    configApi: mockApis.config({ data: { backend: { baseUrl: BACKEND } } }),
    discoveryApi: mockApis.discovery({ baseUrl: BACKEND }),
    identityApi: mockApis.identity({ token: 'user-token' }),
    store,
    baseImplementation: base as unknown as typeof fetch,
  });
  const changes = jest.fn();
  store.subscribe(changes);
  return { store, base, fetchApi, changes };
}

describe('the session expiry fetch middleware', () => {
  it('records a 401 from /api/workflows with the reason from the body, and returns the response untouched', async () => {
    const { store, base, fetchApi } = setup();
    base.mockResolvedValue(refused('this session was revoked: sign in again'));

    const response = await fetchApi.fetch(
      `${BACKEND}/api/workflows/executions`,
    );

    expect(response.status).toBe(401);
    // the caller can still read the body (the middleware read a clone)
    expect((await response.json()).error.message).toBe(
      'this session was revoked: sign in again',
    );
    expect(store.getSnapshot()).toEqual({
      status: 'ended',
      reason: 'this session was revoked: sign in again',
    });
  });

  it('watches plugin:// requests once they are resolved, keeping the identity injection', async () => {
    const { store, base, fetchApi } = setup();
    base.mockResolvedValue(
      refused(
        'your sessions were ended (logged out everywhere): sign in again',
      ),
    );

    await fetchApi.fetch('plugin://workflows/executions?limit=10');

    const [request] = base.mock.calls[0];
    const sent = new Request(request);
    expect(sent.url).toBe(`${BACKEND}/api/workflows/executions?limit=10`);
    expect(sent.headers.get('authorization')).toBe('Bearer user-token');
    expect(store.getSnapshot()).toEqual({
      status: 'ended',
      reason: 'your sessions were ended (logged out everywhere): sign in again',
    });
  });

  it('ignores successful responses and other errors', async () => {
    const { store, base, fetchApi, changes } = setup();
    base.mockResolvedValueOnce(json(200, { items: [] }));
    base.mockResolvedValueOnce(new Response(null, { status: 204 }));
    base.mockResolvedValueOnce(
      json(403, { error: { name: 'NotAllowedError', message: 'no' } }),
    );
    base.mockResolvedValueOnce(
      json(503, { error: { name: 'ServiceUnavailableError', message: 'x' } }),
    );

    for (const path of ['executions', 'counts', 'cancel', 'health']) {
      await fetchApi.fetch(`${BACKEND}/api/workflows/${path}`);
    }

    expect(store.getSnapshot()).toEqual({ status: 'active' });
    expect(changes).not.toHaveBeenCalled();
  });

  it("ignores refusals from the auth backend's refresh (no session yet is normal there)", async () => {
    const { store, base, fetchApi, changes } = setup();
    base.mockResolvedValue(refused('Missing session cookie'));

    await fetchApi.fetch(
      `${BACKEND}/api/auth/oidc/refresh?optional&env=development`,
    );
    await fetchApi.fetch(`${BACKEND}/api/auth/guest/refresh`);

    expect(store.getSnapshot()).toEqual({ status: 'active' });
    expect(changes).not.toHaveBeenCalled();
  });

  it('ignores 401 from other hosts', async () => {
    const { store, base, fetchApi } = setup();
    base.mockResolvedValue(refused('bad token'));

    await fetchApi.fetch('https://elsewhere.example.com/api/workflows');

    expect(store.getSnapshot()).toEqual({ status: 'active' });
  });

  it('uses a generic reason when the 401 has no JSON message', async () => {
    const { store, base, fetchApi } = setup();
    base.mockResolvedValue(
      new Response('<b>Unauthorized</b>', { status: 401 }),
    );

    await fetchApi.fetch(`${BACKEND}/api/ai-metrics/summary`);

    expect(store.getSnapshot()).toEqual({
      status: 'ended',
      reason: DEFAULT_REASON,
    });
  });

  it('notifies once for many refusals with the same reason', async () => {
    const { store, base, fetchApi, changes } = setup();
    base.mockImplementation(async () =>
      refused('this session was revoked: sign in again'),
    );

    await Promise.all([
      fetchApi.fetch(`${BACKEND}/api/workflows/executions`),
      fetchApi.fetch(`${BACKEND}/api/workflows/counts`),
      fetchApi.fetch(`${BACKEND}/api/user-admin/me`),
    ]);

    expect(changes).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().status).toBe('ended');
  });

  it('holds requests while the user signs in again, and ignores late refusals of the old session', async () => {
    const { store, base, fetchApi } = setup();
    let answerOld: (response: Response) => void = () => {};
    base.mockImplementationOnce(
      () =>
        new Promise<Response>(resolve => {
          answerOld = resolve;
        }),
    );
    const old = fetchApi.fetch(`${BACKEND}/api/workflows/executions`);
    store.reportRefused('this session was revoked: sign in again');
    expect(store.beginSignIn()).toBe(true);

    base.mockResolvedValue(json(200, { items: [] }));
    const held = fetchApi.fetch(`${BACKEND}/api/workflows/executions`);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(base).toHaveBeenCalledTimes(1); // the new request waits

    store.signInSucceeded();
    expect((await held).status).toBe(200);
    expect(base).toHaveBeenCalledTimes(2);

    // the request sent with the old session is refused after the sign-in
    answerOld(refused('this session was revoked: sign in again'));
    await old;
    expect(store.getSnapshot()).toEqual({ status: 'active' });
  });
});

describe('cleanReason', () => {
  it('keeps plain text on one line and bounded', () => {
    expect(cleanReason('  a\nb\t<c>\u0000 ')).toBe('a b <c>');
    expect(cleanReason(42)).toBe(DEFAULT_REASON);
    expect(cleanReason('   ')).toBe(DEFAULT_REASON);
    expect(cleanReason('x'.repeat(500))).toHaveLength(300);
  });
});
