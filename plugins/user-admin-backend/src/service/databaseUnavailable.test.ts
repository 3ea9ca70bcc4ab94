import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import request from 'supertest';
import { KnexUserAdminStore } from '../database/KnexUserAdminStore';
import { UserAdminStore } from '../database/UserAdminStore';
import { servicesOver } from '../__testUtils__/services';
import { PolicyTester } from './PolicyTester';
import { createRouter } from './router';

// A database that is unreachable or restarting is a temporary condition: the
// routes answer 503 with Retry-After (never 500), without the address of the
// database or the query in the body, and serve again once it is back.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const RETRY_AFTER = 7;

/** What node's net module throws when nothing listens at the database's port. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '10.1.2.3',
    port: 5432,
  });
}

/** Named as pg's error class is (the name Backstage's error filter looks for). */
class DatabaseError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/** A pg error as knex rethrows it: the query and its values go first. */
function pgError(code: string, message: string): Error {
  return new DatabaseError(
    `select * from "ua_users" where "user_ref" = 'secret-ref' - ${message}`,
    code,
  );
}

const asAuthPlugin = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:auth'),
  targetPluginId: 'user-admin',
});
const asPermission = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:permission'),
  targetPluginId: 'user-admin',
});

/** The router over a store, with every permission granted. */
async function appOver(store: UserAdminStore) {
  const router = await createRouter({
    ...servicesOver({ store, permissions: mockServices.permissions() }),
    httpAuth: mockServices.httpAuth({ pluginId: 'user-admin' }),
    database: { health: jest.fn() },
    tester: {} as PolicyTester,
    retryAfterSeconds: RETRY_AFTER,
  });
  return express().use(router).use(mockErrorHandler());
}

/** A call of each kind: user reads and writes, internal reads and writes. */
const calls: Array<[string, (app: express.Express) => request.Test]> = [
  ['GET /users', app => request(app).get('/users')],
  ['GET /me', app => request(app).get('/me')],
  ['GET /roles/viewer', app => request(app).get('/roles/viewer')],
  [
    'POST /roles',
    app => request(app).post('/roles').send({ name: 'x', title: 'X' }),
  ],
  ['GET /audit', app => request(app).get('/audit')],
  [
    'POST /internal/sign-in',
    app =>
      request(app)
        .post('/internal/sign-in')
        .set('Authorization', asAuthPlugin)
        .send({
          provider: 'oidc',
          subject: 's',
          kind: 'login',
          sessionKey: 'a-login-id-0123456789',
        }),
  ],
  [
    'GET /internal/revocations',
    app =>
      request(app)
        .get('/internal/revocations')
        .set('Authorization', asPermission),
  ],
  [
    'GET /internal/policy-snapshot',
    app =>
      request(app)
        .get('/internal/policy-snapshot')
        .set('Authorization', asPermission),
  ],
];

/** What each call answered, to compare with what a 503 must be. */
async function answersTo(app: express.Express) {
  const answers = [];
  for (const [call, send] of calls) {
    const res = await send(app);
    answers.push({
      call,
      status: res.status,
      retryAfter: res.headers['retry-after'],
      error: res.body.error?.name,
      message: res.body.error?.message,
      // neither the database's address, the query nor the driver's words
      // reach the caller
      leaks:
        /10\.1\.2\.3|127\.0\.0\.1|5432|secret-ref|select|insert|ua_|ECONN|SQLSTATE|57P0|terminat/i.test(
          JSON.stringify(res.body),
        ),
    });
  }
  return answers;
}

const unavailable = (reason: RegExp) =>
  calls.map(([call]) => ({
    call,
    status: 503,
    retryAfter: String(RETRY_AFTER),
    error: 'ServiceUnavailableError',
    message: expect.stringMatching(reason),
    leaks: false,
  }));

const IN_FIXED_WORDS = /^the user-admin database is unavailable; retry later$/;

describe('user-admin router while the database is unavailable', () => {
  it.each([
    ['a refused connection', connectionRefused()],
    [
      'a server shutting down (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
    ],
    [
      "pg's lost connection",
      new Error(
        'select * from "ua_users" - Connection terminated unexpectedly',
      ),
    ],
  ])('answers 503 to every kind of route for %s', async (_, error) => {
    // every method of every part of the store fails as its database would
    const failingPart = new Proxy(
      {},
      { get: () => jest.fn().mockRejectedValue(error) },
    );
    const failing = new Proxy({} as UserAdminStore, {
      get: () => failingPart,
    });
    const answers = await answersTo(await appOver(failing));
    expect(answers).toEqual(unavailable(IN_FIXED_WORDS));
  });

  it('still answers 500 to an error that is not about reaching the database', async () => {
    const store = {
      users: {
        listUsers: jest
          .fn()
          .mockRejectedValue(pgError('42601', 'syntax error at or near "x"')),
      },
    } as unknown as UserAdminStore;
    const res = await request(await appOver(store)).get('/users');
    expect(res.status).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

/**
 * A TCP relay to the database that can be taken down (every connection cut,
 * nothing listening) and brought back on the same port.
 */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up() {
    const server = createServer(client => {
      const upstream = new Socket();
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      upstream.connect(this.target.port, this.target.host);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>(resolve =>
      server.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down() {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve =>
      server ? server.close(() => resolve()) : resolve(),
    );
  }
}

describe.each(databases.eachSupportedId())(
  'user-admin on %p going away and coming back',
  databaseId => {
    let direct: Knex;
    let relayed: Knex | undefined;
    let relay: Relay | undefined;

    beforeAll(async () => {
      direct = await databases.init(databaseId);
      await KnexUserAdminStore.fromKnex(direct);
    });

    afterAll(async () => {
      await relayed?.destroy();
      await relay?.down();
    });

    it('answers 503 with Retry-After while PostgreSQL is away, then serves again', async () => {
      const connection = direct.client.config
        .connection as Knex.PgConnectionConfig;
      relay = new Relay({
        host: connection.host ?? '127.0.0.1',
        port: Number(connection.port ?? 5432),
      });
      await relay.up();
      relayed = knexFactory({
        client: 'pg',
        connection: {
          ...connection,
          // knex keeps the password out of the enumerable properties
          password: connection.password,
          host: '127.0.0.1',
          port: relay.port,
        },
        pool: { min: 0, max: 2 },
        acquireConnectionTimeout: 5_000,
        // knex would print every failed attempt to connect
        log: { warn() {}, error() {}, debug() {}, deprecate() {} },
      });
      const store = await KnexUserAdminStore.fromKnex(relayed);
      const app = await appOver(store);
      const before = await request(app).get('/users');
      expect(before.status).toBe(200);

      // the connections in the pool are cut and nothing listens any more
      await relay.down();
      expect(await answersTo(app)).toEqual(unavailable(IN_FIXED_WORDS));

      await relay.up();
      const after = await request(app).get('/users');
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      const roles = await request(app).get('/roles');
      expect(roles.status).toBe(200);
    });
  },
);
