import { consoleOidcAuthenticator } from './oidcModule';

/** What the authenticator asks the provider for, given the request's cookies. */
async function startOptions(cookie?: string, configuredPrompt = 'auto') {
  let options: Record<string, unknown> | undefined;
  const ctx = {
    initializedPrompt: configuredPrompt,
    searchParams: {},
    promise: Promise.resolve({
      helper: {
        start: async (_input: unknown, opts: Record<string, unknown>) => {
          options = opts;
          return { url: 'https://idp.example/authorize' };
        },
      },
    }),
  };
  await consoleOidcAuthenticator.start(
    {
      scope: 'openid',
      state: 'state',
      req: { headers: cookie ? { cookie } : {} } as any,
    },
    ctx as any,
  );
  return options!;
}

describe('consoleOidcAuthenticator', () => {
  it('lets the provider reuse its session on an ordinary sign-in', async () => {
    expect((await startOptions()).prompt).toBeUndefined();
    expect((await startOptions('other=1')).prompt).toBeUndefined();
    expect((await startOptions(undefined, 'consent')).prompt).toBe('consent');
  });

  it('asks for credentials when the console signs in again after a revocation', async () => {
    expect((await startOptions('console-reauth=1')).prompt).toBe('login');
    expect((await startOptions('a=b; console-reauth=1; c=d')).prompt).toBe(
      'login',
    );
    expect((await startOptions('console-reauth=0')).prompt).toBeUndefined();
  });
});
