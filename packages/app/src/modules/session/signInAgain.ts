import type {
  BackstageIdentityApi,
  IdentityApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';
import type { SessionExpiryStore } from './SessionExpiryStore';

/** How signing in again ended. */
export type SignInAgainOutcome =
  | 'signed-in'
  | 'failed'
  | 'reloading'
  | 'not-needed';

/** An error's message as plain text. */
function messageOf(error: unknown): string {
  const message =
    error instanceof Error ? error.message : String(error ?? 'unknown error');
  return message.trim() || 'unknown error';
}

/**
 * Asks the auth backend to make the identity provider ask for credentials on
 * the next sign-in (`prompt=login`): the provider's own session outlived the
 * console session that was revoked, and would otherwise sign the same old
 * session straight back in, which the console refuses. Cookies are shared by
 * every port of a host, so this reaches the auth backend in development too.
 */
const REAUTH_COOKIE = 'console-reauth';
function askForCredentials(on: boolean) {
  document.cookie = on
    ? `${REAUTH_COOKIE}=1; path=/api/auth; max-age=300; SameSite=Lax`
    : `${REAUTH_COOKIE}=; path=/api/auth; max-age=0; SameSite=Lax`;
}

/**
 * Signs the user in again without leaving the page.
 *
 * OIDC (the console's sign-in): the refused session is still cached in the
 * auth API and, its token not being expired yet, `getBackstageIdentity` would
 * just hand it back. So the session is dropped first with the auth API's
 * `signOut()` (it forgets the session and asks the auth backend to clear its
 * refresh cookie; it does not navigate, unlike `identityApi.signOut()`), then
 * `getBackstageIdentity({ instantPopup: true })` tries a refresh, which is
 * refused, and opens the identity provider's window at once (instead of
 * queueing a "login required" dialog), which asks for credentials
 * (`askForCredentials`). Both run from the button's click, so
 * the window is not blocked as a pop-up. When it succeeds the auth API holds
 * the new session, which the app's identity API uses for every later request:
 * the page stays as it is and its own Retry works. If someone else signed in
 * in that window, the page is reloaded (same URL) so that the app does not
 * keep the previous user's identity.
 *
 * Guest (development only) or an unknown provider: there is no window to
 * open. The page is reloaded: it keeps its URL and the sign-in page signs the
 * remembered provider in again (a guest gets a fresh token). This is used
 * instead of `identityApi.signOut()`, which would send the user to the start
 * page.
 */
export async function signInAgain(options: {
  store: SessionExpiryStore;
  oidcAuthApi: BackstageIdentityApi & SessionApi;
  identityApi: IdentityApi;
  reload?: () => void;
}): Promise<SignInAgainOutcome> {
  const { store, oidcAuthApi, identityApi } = options;
  const reload = options.reload ?? (() => window.location.reload());
  if (!store.beginSignIn()) return 'not-needed';

  if (!store.signedInWithOidc) {
    reload();
    return 'reloading';
  }

  try {
    try {
      await oidcAuthApi.signOut();
    } catch {
      // the session is forgotten locally before the logout call; a failed
      // call only leaves a refresh cookie the backend refuses anyway
    }
    askForCredentials(true);
    const session = await oidcAuthApi
      .getBackstageIdentity({ instantPopup: true })
      .finally(() => askForCredentials(false));
    if (!session) throw new Error('the sign-in did not complete');
    const previous = await identityApi
      .getBackstageIdentity()
      .catch(() => undefined);
    if (
      previous &&
      previous.userEntityRef.toLocaleLowerCase('en-US') !==
        session.identity.userEntityRef.toLocaleLowerCase('en-US')
    ) {
      reload();
      return 'reloading';
    }
    store.signInSucceeded();
    return 'signed-in';
  } catch (error) {
    store.signInFailed(messageOf(error));
    return 'failed';
  }
}
