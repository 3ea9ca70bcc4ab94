import { mockServices } from '@backstage/backend-test-utils';
import { gateWebSocketUpgrades } from '@ai-ops-console/console-node';
import { addWebSocketGate } from '@ai-ops-console/console-node';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { sessionGuardWebSocketGate } from './httpAuthServiceFactory';
import { RevocationSnapshot, SessionGuard } from './SessionGuard';

// A real HTTP server and real WebSockets: the server's own upgrade handler
// stands for a plugin's WebSocket route (signals), which accepts any socket.
const jwt = (payload: object) =>
  ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 's'].join(
    '.',
  );

describe('the session guard in front of WebSocket upgrades', () => {
  let server: Server;
  let url: string;
  let snapshot: RevocationSnapshot;
  let guard: SessionGuard;
  const rootConfig = {};

  beforeAll(async () => {
    snapshot = {
      revokedSessions: ['revoked-session'],
      revokedBefore: {},
      inactiveUsers: ['user:default/dora'],
    };
    guard = new SessionGuard({ logger: mockServices.logger.mock() });
    guard.setTransport({
      fetchState: async () => snapshot,
      pushActivity: async () => {},
    });
    await guard.refresh();
    server = createServer();
    gateWebSocketUpgrades({
      server,
      rootConfig,
      logger: mockServices.logger.mock(),
    });
    addWebSocketGate(rootConfig, sessionGuardWebSocketGate({ guard }));
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: protocols => [...protocols][0] ?? false,
    });
    server.on('upgrade', (request, socket, head) =>
      wss.handleUpgrade(request, socket, head, ws => ws.send('hello')),
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/signals`;
  });

  afterAll(async () => {
    guard.stop();
    await new Promise(resolve => server.close(resolve));
  });

  /** Opens a socket with the token as its protocol, as Backstage's client does. */
  function open(token: string) {
    const ws = new WebSocket(url, [token]);
    return new Promise<{ ws: WebSocket; status?: number; message?: string }>(
      resolve => {
        ws.once('unexpected-response', (_req, res) =>
          resolve({ ws, status: res.statusCode }),
        );
        ws.once('message', data => resolve({ ws, message: String(data) }));
        ws.once('error', () => resolve({ ws, status: -1 }));
      },
    );
  }

  it.each([
    ['a revoked session', { sub: 'user:default/rex', sid: 'revoked-session' }],
    ['a disabled user', { sub: 'user:default/dora', sid: 'any' }],
    [
      'a plugin token on behalf of a disabled user',
      { sub: 'catalog', obo: jwt({ sub: 'user:default/dora', iat: 1 }) },
    ],
  ])('refuses to open a socket for %s (401)', async (_what, claims) => {
    const { status } = await open(jwt(claims));
    expect(status).toBe(401);
  });

  it('opens a socket for a standing session, and ends it within one poll of its revocation', async () => {
    const { ws, message } = await open(
      jwt({ sub: 'user:default/vera', sid: 'vera-session' }),
    );
    expect(message).toBe('hello');
    const closed = new Promise<void>(resolve => ws.once('close', resolve));
    snapshot = { ...snapshot, revokedSessions: ['vera-session'] };
    await guard.refresh();
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });

  it('answers 503 while the revocation state cannot be known', async () => {
    const stale = new SessionGuard({
      logger: mockServices.logger.mock(),
      staleAfterMs: 0,
    });
    stale.setTransport({
      fetchState: async () => {
        throw new Error('user-admin unreachable');
      },
      pushActivity: async () => {},
    });
    const gate = sessionGuardWebSocketGate({ guard: stale });
    await expect(
      gate(
        {
          headers: {
            'sec-websocket-protocol': jwt({ sub: 'user:default/vera' }),
          },
        } as any,
        {} as any,
      ),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    stale.stop();
  });
});
