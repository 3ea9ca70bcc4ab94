import { mockServices } from '@backstage/backend-test-utils';
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
