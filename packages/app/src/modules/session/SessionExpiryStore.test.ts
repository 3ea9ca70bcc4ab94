import { SessionState } from '@backstage/frontend-plugin-api';
import {
  createSessionExpiryStore,
  SessionExpiryStore,
} from './SessionExpiryStore';

function sessionStates() {
  const observers = new Set<(state: SessionState) => void>();
  let current: SessionState = SessionState.SignedOut;
  return {
    emit(state: SessionState) {
      current = state;
      observers.forEach(o => o(state));
    },
    api: {
      sessionState$: () =>
        ({
          subscribe(observer: (state: SessionState) => void) {
            observers.add(observer);
            observer(current);
            return {
              closed: false,
              unsubscribe: () => observers.delete(observer),
            };
          },
        } as any),
    },
  };
}

describe('SessionExpiryStore', () => {
  it('knows the user signed in with OIDC once the auth API says so', () => {
    const states = sessionStates();
    const store = createSessionExpiryStore({ oidcAuthApi: states.api });
    expect(store.signedInWithOidc).toBe(false);
    states.emit(SessionState.SignedIn);
    states.emit(SessionState.SignedOut); // a refused refresh forgets it
    expect(store.signedInWithOidc).toBe(true);
  });

  it('keeps the snapshot and stays quiet for a reason already shown', () => {
    const store = new SessionExpiryStore();
    const listener = jest.fn();
    store.subscribe(listener);
    store.reportRefused('a');
    const snapshot = store.getSnapshot();
    store.reportRefused('a');
    expect(store.getSnapshot()).toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(1);
    store.reportRefused('b'); // a new reason is news
    expect(store.getSnapshot()).toEqual({ status: 'ended', reason: 'b' });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('goes through signing in back to active, or back to ended with the error', async () => {
    const store = new SessionExpiryStore();
    expect(store.beginSignIn()).toBe(false); // nothing to do
    store.reportRefused('a');
    expect(store.beginSignIn()).toBe(true);
    expect(store.beginSignIn()).toBe(false); // already under way
    store.reportRefused('b'); // ignored while signing in
    expect(store.getSnapshot()).toEqual({ status: 'signing-in', reason: 'a' });
    store.signInFailed('popup closed');
    expect(store.getSnapshot()).toEqual({
      status: 'ended',
      reason: 'a',
      signInError: 'popup closed',
    });
    await store.whenSettled();
    store.beginSignIn();
    store.signInSucceeded();
    expect(store.getSnapshot()).toEqual({ status: 'active' });
    expect(store.generation).toBe(1);
    store.reportRefused('late', 0); // from a request sent before
    expect(store.getSnapshot()).toEqual({ status: 'active' });
  });
});
