import {
  createApiRef,
  SessionApi,
  SessionState,
} from '@backstage/frontend-plugin-api';

/** What the console knows about the validity of the user's session. */
export type SessionExpiryState =
  /** Nothing was refused (or the user signed in again since). */
  | { status: 'active' }
  /** The backend refused the session's token, for `reason`. */
  | {
      status: 'ended';
      /** The backend's own words, as plain text. */
      reason: string;
      /** Why the last attempt to sign in again failed, if it did. */
      signInError?: string;
    }
  /** The user is signing in again (the identity provider's window is open). */
  | { status: 'signing-in'; reason: string };

const ACTIVE: SessionExpiryState = Object.freeze({ status: 'active' });

/**
 * A small observable store of "the backend no longer accepts this session".
 *
 * The fetch middleware reports refused requests into it, the session banner
 * renders it (`subscribe` and `getSnapshot` fit React's
 * `useSyncExternalStore`), and the sign-in-again flow moves it through
 * `signing-in` back to `active`.
 *
 * - A report with the reason already shown changes nothing (no new snapshot,
 *   no notification), so the banner is announced once however many requests
 *   fail for the same reason.
 * - Each successful sign-in starts a new generation; a refusal of a request
 *   that started in an earlier generation (it carried the old token) is
 *   ignored.
 * - While signing in, `whenSettled()` lets requests wait for the new session
 *   instead of being sent with the old one.
 */
export class SessionExpiryStore {
  #state: SessionExpiryState = ACTIVE;
  #generation = 0;
  #listeners = new Set<() => void>();
  #settled: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  #signedInWithOidc = false;

  /** The current state; the same object until something changes. */
  getSnapshot = (): SessionExpiryState => this.#state;

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** Increases with every successful sign-in again. */
  get generation(): number {
    return this.#generation;
  }

  /** Whether the user signed in through the console's OIDC provider. */
  get signedInWithOidc(): boolean {
    return this.#signedInWithOidc;
  }

  /** Remembers that an OIDC session was established in this page. */
  noteOidcSignIn() {
    this.#signedInWithOidc = true;
  }

  /**
   * The backend refused a request with 401 for `reason`. `generation` is the
   * store's generation when the request started (default: the current one).
   */
  reportRefused(reason: string, generation: number = this.#generation) {
    if (generation !== this.#generation) return; // sent with an older session
    const state = this.#state;
    if (state.status === 'signing-in') return; // already being dealt with
    if (state.status === 'ended' && state.reason === reason) return; // shown
    this.#set({ status: 'ended', reason });
  }

  /**
   * Starts signing in again. Returns false (and does nothing) when there is
   * no ended session or a sign-in is already under way.
   */
  beginSignIn(): boolean {
    const state = this.#state;
    if (state.status !== 'ended') return false;
    this.#settled = new Promise<void>(resolve => {
      this.#release = resolve;
    });
    this.#set({ status: 'signing-in', reason: state.reason });
    return true;
  }

  /** The new session works: the banner goes, held requests continue. */
  signInSucceeded() {
    if (this.#state.status !== 'signing-in') return;
    this.#generation += 1;
    this.#set(ACTIVE);
    this.#settle();
  }

  /** Signing in again failed: the banner stays and says why. */
  signInFailed(message: string) {
    const state = this.#state;
    if (state.status !== 'signing-in') return;
    this.#set({ status: 'ended', reason: state.reason, signInError: message });
    this.#settle();
  }

  /** Resolves when no sign-in again is under way. */
  whenSettled(): Promise<void> {
    return this.#settled;
  }

  #settle() {
    const release = this.#release;
    this.#release = undefined;
    this.#settled = Promise.resolve();
    release?.();
  }

  #set(state: SessionExpiryState) {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}

/** The console's session expiry store (one per app). */
export const sessionExpiryApiRef = createApiRef<SessionExpiryStore>().with({
  id: 'app.session-expiry',
  pluginId: 'app',
});

/**
 * A store that notes when the console's OIDC auth API signs in (its session
 * state emits the current state on subscription, then every change), so Sign
 * in again knows to reopen that provider's window.
 */
export function createSessionExpiryStore(options: {
  oidcAuthApi: Pick<SessionApi, 'sessionState$'>;
}): SessionExpiryStore {
  const store = new SessionExpiryStore();
  options.oidcAuthApi.sessionState$().subscribe(state => {
    if (state === SessionState.SignedIn) store.noteOidcSignIn();
  });
  return store;
}
