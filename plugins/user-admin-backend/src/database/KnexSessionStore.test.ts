import { ConflictError, NotFoundError } from '@backstage/errors';
import { storeDatabases } from '../__testUtils__/databases';
import { NewSession } from './UserAdminStore';

jest.setTimeout(60_000);

const { ids, freshStoreEach } = storeDatabases();

const login = (userRef: string, sessionKey: string): NewSession => ({
  userRef,
  provider: 'oidc',
  sessionKey,
});

describe.each(ids)('KnexSessionStore on %p', databaseId => {
  const store = freshStoreEach(databaseId);
  it('opens a session found again by its login id, with long text cut', async () => {
    const opened = await store.sessions.createSession({
      ...login('User:Default/Ada', 'login-1'),
      authTime: 1_700_000_000,
      idpSession: 's'.repeat(300),
      userAgent: 'a'.repeat(600),
      ipAddress: '1'.repeat(80),
    });
    expect(opened).toMatchObject({
      userRef: 'user:default/ada',
      sessionKey: 'login-1',
      authTime: 1_700_000_000,
      userAgent: 'a'.repeat(512),
      ipAddress: '1'.repeat(64),
    });
    expect(opened.revokedAt).toBeUndefined();
    expect(
      await store.sessions.findSession({
        provider: 'oidc',
        sessionKey: 'login-1',
      }),
    ).toEqual(opened);
    expect(
      await store.sessions.findSession({
        provider: 'github',
        sessionKey: 'login-1',
      }),
    ).toBeUndefined();
    expect(await store.sessions.getSession({ id: opened.id })).toEqual(opened);
  });

  it('moves last-seen forward only, and keeps what a report leaves out', async () => {
    const { id } = await store.sessions.createSession({
      ...login('user:default/ada', 'k'),
      userAgent: 'first',
    });
    const later = Date.now() + 60_000;
    await store.sessions.touchSession({ id, at: later, ipAddress: '10.0.0.1' });
    await store.sessions.touchSession({
      id,
      at: later - 1,
      userAgent: 'stale',
    });
    expect(await store.sessions.getSession({ id })).toMatchObject({
      lastSeenAt: new Date(later).toISOString(),
      userAgent: 'first',
      ipAddress: '10.0.0.1',
    });
  });

  it("lists a user's sessions, most recently seen first, without their keys", async () => {
    const a1 = await store.sessions.createSession(
      login('user:default/ada', 'a1'),
    );
    const a2 = await store.sessions.createSession(
      login('user:default/ada', 'a2'),
    );
    await store.sessions.createSession(login('user:default/bea', 'b1'));
    await store.sessions.touchSession({ id: a1.id, at: Date.now() + 1_000 });
    await store.sessions.revokeSession({ id: a2.id, by: 'user:default/ada' });

    const all = await store.sessions.listSessions({
      userRef: 'USER:default/ada',
      limit: 10,
      offset: 0,
    });
    expect(all.total).toBe(2);
    expect(all.items.map(s => s.id)).toEqual([a1.id, a2.id]);
    expect(all.items[0]).not.toHaveProperty('sessionKey');
    expect(all.items[0]).not.toHaveProperty('authTime');

    const active = await store.sessions.listSessions({
      userRef: 'user:default/ada',
      activeOnly: true,
      limit: 10,
      offset: 0,
    });
    expect(active.items.map(s => s.id)).toEqual([a1.id]);
    expect(
      (await store.sessions.listSessions({ limit: 1, offset: 0 })).total,
    ).toBe(3);
  });

  it('revokes a session once: 409 the second time, 404 for an unknown one', async () => {
    const { id } = await store.sessions.createSession(
      login('user:default/ada', 'k'),
    );
    const revoked = await store.sessions.revokeSession({
      id,
      by: 'user:default/root',
      reason: 'lost laptop',
    });
    expect(revoked).toMatchObject({
      revokedBy: 'user:default/root',
      revokeReason: 'lost laptop',
      revokedAt: expect.any(String),
    });
    await expect(
      store.sessions.revokeSession({ id, by: 'user:default/root' }),
    ).rejects.toThrow(ConflictError);
    await expect(
      store.sessions.revokeSession({ id: 'nothing', by: 'user:default/root' }),
    ).rejects.toThrow(NotFoundError);
  });

  it('revokes every session and token of a user, which the revocation state shows', async () => {
    const since = Date.now();
    const open = await store.sessions.createSession(
      login('user:default/ada', 'a1'),
    );
    await store.sessions.createSession(login('user:default/ada', 'a2'));
    const other = await store.sessions.createSession(
      login('user:default/bea', 'b'),
    );
    await store.users.createUser({
      userRef: 'user:default/cy',
      displayName: 'cy',
      status: 'disabled',
      roles: [],
    });

    expect(
      await store.sessions.revokeUser({
        userRef: 'User:default/Ada',
        by: 'admin',
      }),
    ).toBe(2);
    // a second time there is no session left, but tokens are cut again
    expect(
      await store.sessions.revokeUser({
        userRef: 'user:default/ada',
        by: 'admin',
      }),
    ).toBe(0);

    const state = await store.sessions.revocationState({ since });
    expect(state.revokedSessions).toContain(open.id);
    expect(state.revokedSessions).not.toContain(other.id);
    expect(state.revokedBefore['user:default/ada']).toBeGreaterThanOrEqual(
      since,
    );
    expect(Object.keys(state.revokedBefore)).toEqual(['user:default/ada']);
    expect(state.inactiveUsers).toEqual(['user:default/cy']);

    const later = await store.sessions.revocationState({
      since: Date.now() + 1,
    });
    expect(later).toEqual({
      revokedSessions: [],
      revokedBefore: {},
      inactiveUsers: ['user:default/cy'],
    });
  });
});
