import { mockServices } from '@backstage/backend-test-utils';
import { EventEmitter } from 'node:events';
import { guardedAuth, jwtClaims, userClaims } from './httpAuthServiceFactory';
import { RevocationSnapshot, SessionGuard } from './SessionGuard';

const revokedAt = Date.UTC(2026, 10, 26, 13, 3, 20, 35); // 13:03:20.035
const inSameSecond = Math.floor(revokedAt / 1000); // iat of 13:03:20.930

function guard(snapshot: RevocationSnapshot) {
  const g = new SessionGuard({
    logger: mockServices.logger.mock(),
    now: () => revokedAt + 1000,
  });
  g.setTransport({
    fetchState: async () => snapshot,
    pushActivity: async () => {},
  });
  return g;
}

describe('SessionGuard after "log out everywhere"', () => {
  const snapshot: RevocationSnapshot = {
    revokedSessions: ['old-session'],
    revokedBefore: { 'user:default/newcomer': revokedAt },
    inactiveUsers: [],
  };
  const sub = 'user:default/newcomer';

  it('refuses the sessions that were ended, saying so', async () => {
    const g = guard(snapshot);
    await g.refresh();
    await expect(
      g.check({ sub, sid: 'old-session', iat: inSameSecond - 60 }),
    ).rejects.toThrow(/logged out everywhere/);
  });

  it('accepts a new session signed in within the same second', async () => {
    const g = guard(snapshot);
    await g.refresh();
    await expect(
      g.check({ sub, sid: 'new-session', iat: inSameSecond }),
    ).resolves.toBeUndefined();
  });

  it('refuses tokens without a console session issued up to the revocation', async () => {
    const g = guard(snapshot);
    await g.refresh();
    await expect(g.check({ sub, iat: inSameSecond })).rejects.toThrow(
      /logged out everywhere/,
    );
    await expect(
      g.check({ sub, iat: inSameSecond + 1 }),
    ).resolves.toBeUndefined();
  });
});

describe('SessionGuard and plugin-to-plugin tokens', () => {
  const jwt = (payload: object) =>
    [
      'e30',
      Buffer.from(JSON.stringify(payload)).toString('base64url'),
      'sig',
    ].join('.');

  it('judges a token on behalf of a user by that user, not by the calling plugin', async () => {
    const g = guard({
      revokedSessions: [],
      revokedBefore: {},
      inactiveUsers: ['user:default/dora'],
    });
    await g.refresh();
    const limitedUserToken = jwt({ sub: 'user:default/dora', iat: 1 });
    const pluginToken = jwt({ sub: 'catalog', obo: limitedUserToken });
    const auth = {
      authenticate: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/dora' },
      }),
    } as any;
    const guarded = guardedAuth({ auth, guard: g });
    await expect(guarded.authenticate(pluginToken)).rejects.toThrow(
      /disabled or not approved/,
    );
  });

  it('falls back to the verified user ref when the claims speak of someone else', () => {
    const forged = jwt({ sub: 'user:default/someone-else', sid: 's', iat: 9 });
    expect(userClaims(forged, 'user:default/dora', jwtClaims)).toEqual({
      sub: 'user:default/dora',
    });
  });
});

describe('SessionGuard watching open connections', () => {
  it('ends a connection as soon as a poll sees its session revoked, and no other', async () => {
    let snapshot: RevocationSnapshot = {
      revokedSessions: [],
      revokedBefore: {},
      inactiveUsers: [],
    };
    const g = new SessionGuard({ logger: mockServices.logger.mock() });
    g.setTransport({
      fetchState: async () => snapshot,
      pushActivity: async () => {},
    });
    await g.refresh();
    const connection = () => {
      const c = new EventEmitter() as EventEmitter & { destroy(): void };
      c.destroy = jest.fn(() => c.emit('close'));
      return c;
    };
    const revoked = connection();
    const other = connection();
    g.watch(revoked, [{ sub: 'user:default/rex', sid: 'a' }]);
    g.watch(other, [{ sub: 'user:default/vera', sid: 'b' }]);
    expect(g.watchedConnections).toBe(2);
    snapshot = { ...snapshot, revokedSessions: ['a'] };
    await g.refresh();
    expect(revoked.destroy).toHaveBeenCalled();
    expect(other.destroy).not.toHaveBeenCalled();
    expect(g.watchedConnections).toBe(1);
    g.stop();
  });
});
