import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DatabaseHealth } from './DatabaseHealth';
import {
  databaseUnavailableError,
  databaseUnavailableHandler,
  internalErrorFilter,
  TooManyRequestsError,
} from './databaseErrors';

// What a database error may say (its address, credentials, file path, the
// query and its values, the driver's codes) goes to the server log; a body
// says only that the database is unavailable.

/** Text of a database error that must never reach a response body. */
const INTERNAL =
  /10\.1\.2\.3|127\.0\.0\.1|:5432|:1\b|s3cret|ECONNREFUSED|ECONNRESET|SQLSTATE|57P0|08006|53300|SQLITE|insert|select|ai_metric|secret-id|no-such-dir|Timeout acquiring/i;

/** What node's net module throws when nothing listens at the database's port. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), {
    code: 'ECONNREFUSED',
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
    `insert into "ai_metric_events" values ('secret-id') - ${message}`,
    code,
  );
}

/** better-sqlite3's error class, by name. */
class SqliteError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

const unavailable: Array<[string, unknown]> = [
  ['a refused connection', connectionRefused()],
  [
    'a reset connection',
    Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  ],
  [
    'an administrator shutdown (57P01)',
    pgError('57P01', 'terminating connection due to administrator command'),
  ],
  [
    'a server starting up (57P03)',
    pgError('57P03', 'the database system is starting up'),
  ],
  ['a connection failure (class 08)', pgError('08006', 'connection failure')],
  [
    'too many connections (53300)',
    pgError('53300', 'sorry, too many clients already'),
  ],
  [
    "pg's lost connection",
    new Error('select 1 - Connection terminated unexpectedly'),
  ],
  ["pg's closed client", new Error('Client was closed and is not queryable')],
  [
    "knex's acquire timeout",
    Object.assign(new Error('Timeout acquiring a connection.'), {
      name: 'KnexTimeoutError',
    }),
  ],
  [
    'a locked SQLite file',
    new SqliteError(
      'insert into ai_metric_events - database is locked',
      'SQLITE_BUSY',
    ),
  ],
];

describe('databaseUnavailableError', () => {
  it.each(unavailable)(
    'answers a 503 for %s that says only that the database is unavailable',
    (_, error) => {
      const refused = databaseUnavailableError(error, 'ai-metrics');
      expect(refused?.name).toBe('ServiceUnavailableError');
      expect(refused?.message).toBe(
        'the ai-metrics database is unavailable; retry later',
      );
      expect(refused?.cause).toBeUndefined();
    },
  );

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value')],
    ['a syntax error', pgError('42601', 'syntax error at or near "x"')],
    ['an input error', new InputError('bad batch')],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(databaseUnavailableError(error, 'ai-metrics')).toBeUndefined();
  });
});

describe('databaseUnavailableHandler', () => {
  function appThrowing(error: unknown) {
    const logger = mockServices.logger.mock();
    const app = express();
    app.get('/thing', (_req, _res, next) => next(error));
    app.use(
      databaseUnavailableHandler({
        pluginId: 'ai-metrics',
        retryAfterSeconds: 3,
        logger,
      }),
    );
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger,
      }).error(),
    );
    return { app, logger };
  }

  it.each(unavailable)(
    'answers 503 with Retry-After to %s, with no address, query or driver text, and logs the detail',
    async (_, error) => {
      const { app, logger } = appThrowing(error);
      const res = await request(app).get('/thing');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body.error.message).toBe(
        'the ai-metrics database is unavailable; retry later',
      );
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('ai-metrics database unavailable'),
        error,
      );
    },
  );

  it('answers 500 without the query or the values to a SQLite error that is not about reaching the database', async () => {
    const { app, logger } = appThrowing(
      new SqliteError(
        "insert into ai_metric_events values ('secret-id') - UNIQUE constraint failed: ai_metric_events.id",
        'SQLITE_CONSTRAINT_PRIMARYKEY',
      ),
    );
    const res = await request(app).get('/thing');
    expect(res.status).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
    expect(logger.error).toHaveBeenCalled();
  });

  it('gives any other 503 a Retry-After too, and keeps its message', async () => {
    const { app } = appThrowing(
      new ServiceUnavailableError('the catalog is unavailable; retry later'),
    );
    const res = await request(app).get('/thing');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body.error.message).toBe(
      'the catalog is unavailable; retry later',
    );
  });

  it('gives a 429 a Retry-After unless the route set one', async () => {
    const { app } = appThrowing(new TooManyRequestsError('busy, retry later'));
    const res = await request(app).get('/thing');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
  });

  it('passes other errors on unchanged', async () => {
    const { app } = appThrowing(new InputError('bad batch'));
    const res = await request(app).get('/thing');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('bad batch');
  });
});

// knex writes failed connection attempts to the console unless told where
const quiet = { warn() {}, error() {}, debug() {}, deprecate() {} };

describe('internalErrorFilter', () => {
  function appThrowing(error: unknown) {
    const logger = mockServices.logger.mock();
    const app = express();
    app.post('/thing', express.json({ limit: 20 }), () => {
      throw error;
    });
    app.use(internalErrorFilter({ pluginId: 'ai-metrics', logger }));
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger,
      }).error(),
    );
    return { app, logger };
  }

  it.each([
    [
      'a fetch that could not connect',
      Object.assign(new TypeError('fetch failed'), {
        cause: connectionRefused(),
      }),
    ],
    [
      "another service's answer, passed on",
      Object.assign(new Error('Request failed with 401 Unauthorized'), {
        name: 'ResponseError',
        statusCode: 401,
        body: { error: { message: 'token from 10.1.2.3' } },
      }),
    ],
    ['a plain error with internal words', new Error('select 1 @ 10.1.2.3')],
    ['a thrown string', 'ECONNREFUSED 10.1.2.3'],
  ])(
    'answers %s with a plain 500 naming a log id, and logs it',
    async (_, error) => {
      const { app, logger } = appThrowing(error);
      const res = await request(app).post('/thing');
      expect(res.status).toBe(500);
      expect(res.body.error.message).toMatch(
        /^An internal error occurred logId=[0-9a-f]{20}$/,
      );
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(res.body.error.message.split('logId=')[1]),
        expect.any(Error),
      );
    },
  );

  it.each([
    [new InputError('events[0].model: required'), 400],
    [new NotAllowedError('not allowed to ingest metrics of model x'), 403],
    [
      new ServiceUnavailableError('the catalog is unavailable; retry later'),
      503,
    ],
    [new TooManyRequestsError('too many batches in flight'), 429],
  ])('passes %s, written for the caller, as it is', async (error, status) => {
    const { app } = appThrowing(error);
    const res = await request(app).post('/thing');
    expect(res.status).toBe(status);
    expect(res.body.error.message).toBe(error.message);
  });

  it('passes an error written for the caller without its cause', async () => {
    const { app } = appThrowing(
      new NotAllowedError('not allowed', connectionRefused()),
    );
    const res = await request(app).post('/thing');
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'not allowed',
    });
  });

  it("passes the JSON parser's 400 and 413", async () => {
    const { app } = appThrowing(new Error('unreached'));
    const broken = await request(app)
      .post('/thing')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(broken.status).toBe(400);
    const big = await request(app)
      .post('/thing')
      .send({ text: 'x'.repeat(100) });
    expect(big.status).toBe(413);
  });
});

describe('DatabaseHealth', () => {
  const clients: Knex[] = [];
  afterAll(async () => {
    await Promise.all(clients.map(db => db.destroy()));
  });

  it.each([
    [
      'PostgreSQL that does not listen',
      () =>
        knexFactory({
          client: 'pg',
          connection:
            'postgresql://console:s3cret@127.0.0.1:1/ai_metrics?connect_timeout=2',
          pool: { min: 0, max: 1 },
          acquireConnectionTimeout: 5_000,
          log: quiet,
        }),
      'pg',
    ],
    [
      'SQLite whose file cannot be opened',
      () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: {
            filename: join(
              mkdtempSync(join(tmpdir(), 'health-')),
              'no-such-dir',
              'db.sqlite',
            ),
          },
          useNullAsDefault: true,
          log: quiet,
        }),
      'better-sqlite3',
    ],
  ])(
    'reports %s as unavailable without its address, credentials or error, and logs the detail',
    async (_, create, client) => {
      const db = create();
      clients.push(db);
      const logger = mockServices.logger.mock();
      const report = await new DatabaseHealth({ db, logger }).health();
      expect(report).toEqual({
        status: 'unavailable',
        database: {
          reachable: false,
          client,
          message: 'the database is unavailable',
        },
      });
      // the driver's name is the one thing said of it
      const { client: _client, ...rest } = report.database;
      expect(JSON.stringify({ ...report, database: rest })).not.toMatch(
        INTERNAL,
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('database health check failed'),
        expect.any(Error),
      );
    },
    20_000,
  );
});
