import type { FetchMiddleware } from '@backstage/core-app-api';
import type { SessionExpiryStore } from './SessionExpiryStore';

/** Said when a refusal carries no message of its own. */
export const DEFAULT_REASON = 'the server no longer accepts your sign-in';

const MAX_REASON_LENGTH = 300;

/**
 * Makes a backend message safe to show: plain text on one line, no control
 * characters, at most {@link MAX_REASON_LENGTH} characters. It is rendered as
 * a React text node, never as HTML.
 */
export function cleanReason(message: unknown): string {
  if (typeof message !== 'string') return DEFAULT_REASON;
  // eslint-disable-next-line no-control-regex
  const text = message.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (!text) return DEFAULT_REASON;
  return text.length > MAX_REASON_LENGTH
    ? `${text.slice(0, MAX_REASON_LENGTH - 1)}…`
    : text;
}

/** The reason in a Backstage error body (`{ error: { message } }`). */
async function reasonOf(response: Response): Promise<string> {
  try {
    const body = await response.clone().json();
    return cleanReason(body?.error?.message);
  } catch {
    return DEFAULT_REASON; // not JSON
  }
}

/** The absolute URL of a fetch input, without touching a request's body. */
function urlOf(input: RequestInfo | URL): URL | undefined {
  try {
    if (typeof input === 'string') return new URL(input, window.location.href);
    if (input instanceof URL) return input;
    return new URL(input.url, window.location.href);
  } catch {
    return undefined;
  }
}

/**
 * Watches the app's own backend for refused sessions: a 401 from
 * `<backend.baseUrl>/api/...` is reported to the store with the backend's
 * message as the reason. The auth backend (`/api/auth/...`: the providers'
 * refresh, start and logout) is not watched, since a refused refresh there is
 * the normal way of finding out there is no session yet. Other statuses and
 * other hosts pass through untouched, and the response is returned to the
 * caller as it came (the reason is read from a clone).
 *
 * While the user is signing in again, requests wait for that to settle so they
 * go out with the new session rather than the refused one.
 *
 * Place it after `resolvePluginProtocol` (it needs the resolved URL) and
 * before `injectIdentityAuth` (which takes the token once the wait is over).
 */
export function createSessionExpiryMiddleware(options: {
  store: SessionExpiryStore;
  /** The backend's base URL (`backend.baseUrl`). */
  backendBaseUrl: string;
}): FetchMiddleware {
  const { store } = options;
  const backend = new URL(options.backendBaseUrl, window.location.href);
  const basePath = backend.pathname.replace(/\/+$/, '');
  const apiPath = `${basePath}/api/`;
  const authPath = `${basePath}/api/auth/`;

  const isWatched = (url: URL) =>
    url.origin === backend.origin &&
    url.pathname.startsWith(apiPath) &&
    !url.pathname.startsWith(authPath);

  return {
    apply(next) {
      return async (input, init) => {
        await store.whenSettled();
        const generation = store.generation;
        const response = await next(input, init);
        if (response.status === 401) {
          const url = urlOf(input);
          if (url && isWatched(url)) {
            store.reportRefused(await reasonOf(response), generation);
          }
        }
        return response;
      };
    },
  };
}
