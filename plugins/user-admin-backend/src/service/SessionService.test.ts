import { NotAllowedError } from '@backstage/errors';
import {
  sessionReadPermission,
  sessionRevokePermission,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { freshServicesEach } from '../__testUtils__/services';

const h = freshServicesEach();
const ada = () => h.as('user:default/ada');
const page = { limit: 10, offset: 0 };

const login = (userRef: string, sessionKey: string) =>
  h.store.sessions.createSession({ userRef, provider: 'oidc', sessionKey });

describe('SessionService', () => {
  it("lists a user's own sessions freely; anyone else's, or all, need session.read", async () => {
    await login('user:default/ada', 'a');
    await login('user:default/bea', 'b');
    const own = await h.sessions.listSessions(ada(), {
      ...page,
      userRef: 'User:Default/ADA',
    });
    expect(own.items.map(s => s.userRef)).toEqual(['user:default/ada']);
    await expect(
      h.sessions.listSessions(ada(), { ...page, userRef: 'user:default/bea' }),
    ).rejects.toThrow(NotAllowedError);
    await expect(h.sessions.listSessions(ada(), page)).rejects.toThrow(
      NotAllowedError,
    );
    h.grant(sessionReadPermission);
    expect((await h.sessions.listSessions(ada(), page)).total).toBe(2);
  });

  it("ends a user's own session freely, another's with session.revoke, never showing its key", async () => {
    const own = await login('user:default/ada', 'a');
    const other = await login('user:default/bea', 'b');
    const revoked = await h.sessions.revokeSession(ada(), own.id, 'done');
    expect(revoked).toMatchObject({ id: own.id, revokeReason: 'done' });
    expect(revoked).not.toHaveProperty('sessionKey');
    expect(revoked).not.toHaveProperty('authTime');
    expect(h.notifyRevocation).toHaveBeenCalledTimes(1);

    await expect(h.sessions.revokeSession(ada(), other.id)).rejects.toThrow(
      NotAllowedError,
    );
    h.grant(sessionRevokePermission);
    await h.sessions.revokeSession(ada(), other.id);
    const audit = await h.store.audit.listAudit({
      action: 'session-revoke',
      limit: 10,
    });
    expect(audit.items.map(a => [a.target, a.outcome])).toEqual([
      ['user:default/bea', 'success'],
      ['user:default/ada', 'success'],
    ]);
  });

  it('logs a user out everywhere: every session, audited under the lower-case ref', async () => {
    await login('user:default/ada', 'a1');
    await login('user:default/ada', 'a2');
    expect(
      await h.sessions.revokeAll(ada(), 'User:Default/Ada', 'lost phone'),
    ).toEqual({ revoked: 2 });
    expect(h.notifyRevocation).toHaveBeenCalledTimes(1);
    await expect(
      h.sessions.revokeAll(ada(), 'user:default/bea'),
    ).rejects.toThrow(NotAllowedError);
    const audit = await h.store.audit.listAudit({
      action: 'session-revoke-all',
      limit: 10,
    });
    expect(audit.items.map(a => [a.target, a.details])).toEqual([
      ['user:default/ada', { reason: 'lost phone' }],
    ]);
  });

  it('records reported activity, but never later than now', async () => {
    const before = Date.now();
    // opened a minute ago, so that any report of now moves it forward
    jest.spyOn(Date, 'now').mockReturnValueOnce(before - 60_000);
    const { id } = await login('user:default/ada', 'a');
    await h.sessions.recordActivity([
      { sessionId: id, at: before + 86_400_000, userAgent: 'Firefox' },
    ]);
    const seen = (await h.store.sessions.getSession({ id }))!;
    expect(Date.parse(seen.lastSeenAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(seen.lastSeenAt)).toBeGreaterThanOrEqual(before);
    expect(seen.userAgent).toBe('Firefox');
  });

  it("reports the revocations that a token's lifetime (and a minute) can still need", async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      // the harness's tokens live an hour
      clock.mockReturnValue(now - 3_600_000 - 61_000);
      await h.store.sessions.revokeUser({
        userRef: 'user:default/old',
        by: 'x',
      });
      clock.mockReturnValue(now - 3_600_000 - 59_000);
      await h.store.sessions.revokeUser({
        userRef: 'user:default/new',
        by: 'x',
      });
      clock.mockReturnValue(now);
      const state = await h.sessions.revocationState();
      expect(Object.keys(state.revokedBefore)).toEqual(['user:default/new']);
    } finally {
      clock.mockRestore();
    }
  });
});
