import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Router } from 'express';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import request from 'supertest';
import { consoleRootHttpRouterServiceFactory } from './rootHttpRouter';
import { readTrustProxy } from './trustProxy';
import { addWebSocketGate } from './webSocketGate';

const config = (trustProxy: unknown) =>
  new ConfigReader(trustProxy === undefined ? {} : { backend: { trustProxy } });

describe('readTrustProxy', () => {
  it.each([
    ['1', 1],
    [' 2 ', 2],
    [1, 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.4', '10.0.0.0/8, 192.168.1.4'],
    [
      ['10.0.0.1', 'fd00::/8'],
      ['10.0.0.1', 'fd00::/8'],
    ],
    ['false', false],
    [false, false],
    [undefined, undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(readTrustProxy(config(value))).toEqual(expected);
  });

  it.each([true, 'true', 'TRUE'])(
    'refuses %j, naming what to set instead',
    value => {
      expect(() => readTrustProxy(config(value))).toThrow(
        /backend\.trustProxy is .*trusts every address in X-Forwarded-For.*BACKEND_TRUST_PROXY=1/,
      );
    },
  );
});

// The console's root HTTP router with Backstage's own per-plugin rate
// limiter (memory store), behind one proxy hop that appends the address it
// saw to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does.
describe('consoleRootHttpRouterServiceFactory with backend.trustProxy', () => {
  const echo = createBackendPlugin({
    pluginId: 'demo',
    register(env) {
      env.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http }) {
          const router = Router();
          router.get('/ip', (req, res) => {
            res.json({ ip: req.ip });
          });
          http.use(router);
          http.addAuthPolicy({ path: '/ip', allow: 'unauthenticated' });
        },
      });
    },
  });

  const backends: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    for (const backend of backends.splice(0)) await backend.stop();
  });

  /** Starts the backend on a free port; answers its URL. */
  async function start(trustProxy: unknown, ...features: any[]) {
    const port = await freePort();
    // Backstage's own backend: the test backend replaces the root router
    const backend = createBackend();
    backend.add(echo);
    for (const feature of features) backend.add(feature);
    backend.add(consoleRootHttpRouterServiceFactory);
    backend.add(mockServices.rootLogger.factory());
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
            auth: { keys: [{ secret: 'test-only-secret' }] },
            ...(trustProxy === undefined ? {} : { trustProxy }),
            rateLimit: {
              global: false,
              plugin: {
                demo: {
                  window: { seconds: 60 },
                  incomingRequestLimit: 2,
                  ipAllowList: [],
                },
              },
            },
          },
        },
      }),
    );
    await backend.start();
    backends.push(backend);
    return `http://127.0.0.1:${port}`;
  }

  /** A request as the proxy forwards it for a client at `client`. */
  const viaProxy = (server: string, client: string, sentByClient?: string) =>
    request(server)
      .get('/api/demo/ip')
      .set(
        'X-Forwarded-For',
        sentByClient ? `${sentByClient}, ${client}` : client,
      );

  it('counts each client behind the proxy in its own bucket, whatever X-Forwarded-For the client sent (hops as text, as from the environment)', async () => {
    const server = await start('1');
    const a = await viaProxy(server, '203.0.113.7', '198.51.100.1');
    expect(a.body).toEqual({ ip: '203.0.113.7' });
    expect((await viaProxy(server, '203.0.113.7')).status).toBe(200);
    // a third request from the same client: refused, even when it claims
    // another address in front
    expect(
      (await viaProxy(server, '203.0.113.7', '198.51.100.99')).status,
    ).toBe(429);
    // another client still has its own budget
    const b = await viaProxy(server, '203.0.113.8');
    expect(b.status).toBe(200);
    expect(b.body).toEqual({ ip: '203.0.113.8' });
  });

  it('without trustProxy, counts every client behind the proxy as the proxy', async () => {
    const server = await start(undefined);
    const statuses = [];
    for (const client of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) {
      statuses.push((await viaProxy(server, client)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('still runs the WebSocket gates that services add for the root config (the session guard)', async () => {
    const refusing = createBackendPlugin({
      pluginId: 'gate',
      register(env) {
        env.registerInit({
          deps: {
            rootConfig: coreServices.rootConfig,
            http: coreServices.httpRouter,
          },
          async init({ rootConfig, http }) {
            // a WebSocket route, as the signals plugin has, that accepts all
            http.addWebSocketHandler({
              path: '/live',
              authPolicy: 'unauthenticated',
              handler: ({ socket }: any) => {
                socket.end(
                  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
                );
              },
            });
            addWebSocketGate(rootConfig, async () => {
              const error = new Error('revoked');
              error.name = 'AuthenticationError';
              throw error;
            });
          },
        });
      },
    });
    const server = await start('1', refusing);
    const outcome = await new Promise<string>(resolve => {
      const req = httpRequest(`${server}/api/gate/live`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', res => resolve(`status ${res.statusCode}`));
      req.on('upgrade', () => resolve('upgraded'));
      req.on('error', error => resolve(`error ${error.message}`));
      req.end();
    });
    expect(outcome).toBe('status 401');
  });

  it('refuses to start with trustProxy true', async () => {
    await expect(start('true')).rejects.toThrow(
      /trusts every address in X-Forwarded-For/,
    );
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
