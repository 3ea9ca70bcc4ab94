import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { DatabaseHealth } from '@ai-ops-console/console-node';
import knexFactory from 'knex';
import request from 'supertest';
import { AiMetricsStore } from '../database/AiMetricsStore';
import { wireEvent } from '../__testUtils__/events';
import {
  createHarness,
  permissionsAnswering,
} from '../__testUtils__/routerHarness';
import { CatalogModelOwnership } from './CatalogModelOwnership';
import {
  aiModelConditions,
  createAiModelConditionalDecision,
} from '../permissions/rules';
import { aiMetricsReadPermission } from '@ai-ops-console/backstage-plugin-ai-metrics-common';

// A database (or catalog) that is unreachable or restarting is a temporary
// condition: the routes answer 503 with Retry-After (never 500), saying only
// that it is unavailable: its address, the query, the driver's words go to
// the log. They serve again once it is back.

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const now = () => T0 + 3_600_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

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

/** What a body must never hold: addresses, ports, queries, driver words. */
const INTERNAL =
  /10\.1\.2\.3|127\.0\.0\.1|5432|:1\b|s3cret|secret-id|insert|select|ECONN|SQLSTATE|57P0|terminat|starting up|fetch failed|catalog\.internal/i;

const UNAVAILABLE = 'the ai-metrics database is unavailable; retry later';

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

describe('ai-metrics router while the database is unavailable', () => {
  const body = {
    events: [wireEvent({ id: 'e1', timestamp: at(1) })],
  };

  it('answers 503 with Retry-After to an ingest batch, then accepts the retry once the database is back', async () => {
    const insertEvents = jest
      .fn()
      .mockRejectedValueOnce(connectionRefused())
      .mockRejectedValueOnce(
        pgError('57P03', 'the database system is starting up'),
      )
      .mockImplementation(async ({ events }) => ({ inserted: events }));
    const harness = await createHarness(databases, {
      now,
      store: { insertEvents } as unknown as AiMetricsStore,
      maxInFlightBatches: 1,
    });

    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await request(harness.app).post('/events').send(body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: UNAVAILABLE,
      });
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
    }
    // the detail is for the operator
    expect(harness.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /database unavailable \(cannot connect: ECONNREFUSED\)/,
      ),
      expect.objectContaining({ code: 'ECONNREFUSED' }),
    );
    expect(harness.auditor.createEvent).toHaveBeenCalledTimes(2);

    // the in-flight slot was released: one slot, and the retry gets it
    const retry = await request(harness.app).post('/events').send(body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('answers 503 to a read while the database is unavailable', async () => {
    const harness = await createHarness(databases, {
      now,
      store: {
        readRollups: jest
          .fn()
          .mockRejectedValue(
            pgError(
              '57P01',
              'terminating connection due to administrator command',
            ),
          ),
        listModelNames: jest.fn().mockResolvedValue([]),
      } as unknown as AiMetricsStore,
    });
    const res = await request(harness.app)
      .get('/series')
      .query({ from: at(0), to: at(60), step: '5m' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.body.error.message).toBe(UNAVAILABLE);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
  });

  it('answers GET /health 503 from a database that does not listen, without its address, credentials or error', async () => {
    const db = knexFactory({
      client: 'pg',
      connection:
        'postgresql://console:s3cret@127.0.0.1:1/ai_metrics?connect_timeout=2',
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 5_000,
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    try {
      const logger = mockServices.logger.mock();
      const harness = await createHarness(databases, {
        now,
        database: new DatabaseHealth({ db, logger }),
      });
      const res = await request(harness.app).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 'unavailable',
        database: {
          reachable: false,
          client: 'pg',
          message: 'the database is unavailable',
        },
      });
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
      expect(logger.warn).toHaveBeenCalled();
    } finally {
      await db.destroy();
    }
  });

  it.each([
    [
      'unreachable',
      async () =>
        Object.assign(new TypeError('fetch failed'), {
          cause: connectionRefused(),
        }),
    ],
    [
      'answering errors',
      () =>
        ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'DatabaseError',
                message: 'select * from entities @ catalog.internal:5432',
              },
            }),
            {
              status: 500,
              statusText: 'Internal Server Error',
              headers: { 'content-type': 'application/json' },
            },
          ) as never,
        ),
    ],
  ])(
    'answers 503 with Retry-After, without its address or error, when the catalog is %s',
    async (_, failure) => {
      const error = await failure();
      const harness = await createHarness(databases, {
        now,
        permissions: permissionsAnswering({
          read: createAiModelConditionalDecision(
            aiMetricsReadPermission,
            aiModelConditions.isOwnedBy({ claims: ['group:default/team-a'] }),
          ),
        }),
        ownership: new CatalogModelOwnership({
          auth: mockServices.auth(),
          catalog: {
            getEntities: jest.fn().mockRejectedValue(error),
          } as never,
          logger: mockServices.logger.mock(),
        }),
      });
      const res = await request(harness.app)
        .get('/series')
        .query({ from: at(0), to: at(60), step: '5m', model: 'gpt-4o' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body.error.message).toBe(
        'the catalog is unavailable; retry later',
      );
      expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
    },
  );

  it.each([
    [
      'unreachable',
      async () =>
        Object.assign(new TypeError('fetch failed'), {
          cause: connectionRefused(),
        }),
    ],
    [
      'refusing the plugin (its status must not become ours)',
      () =>
        ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'AuthenticationError',
                message: 'invalid token from 10.1.2.3',
              },
            }),
            {
              status: 401,
              statusText: 'Unauthorized',
              headers: { 'content-type': 'application/json' },
            },
          ) as never,
        ),
    ],
  ])(
    'answers 503 with Retry-After, without its address or error, when the permission service is %s',
    async (_, failure) => {
      const error = await failure();
      const permissions = permissionsAnswering({});
      permissions.authorizeConditional.mockRejectedValue(error);
      permissions.authorize.mockRejectedValue(error);
      const harness = await createHarness(databases, { now, permissions });
      for (const send of [
        () =>
          request(harness.app)
            .get('/series')
            .query({ from: at(0), to: at(60), step: '5m' }),
        () => request(harness.app).post('/events').send(body),
        () => request(harness.app).get('/admin/status'),
      ]) {
        const res = await send();
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('3');
        expect(res.body.error.message).toBe(
          'the permission service is unavailable; retry later',
        );
        expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
      }
      expect(harness.logger.warn).toHaveBeenCalled();
    },
  );

  it('answers any other failure with a plain 500 that names no address, query or cause', async () => {
    const harness = await createHarness(databases, {
      now,
      store: {
        readRollups: jest.fn().mockRejectedValue(
          Object.assign(new Error('select * from rollups @ 10.1.2.3'), {
            cause: connectionRefused(),
            host: '10.1.2.3',
          }),
        ),
        listModelNames: jest.fn().mockResolvedValue([]),
      } as unknown as AiMetricsStore,
    });
    const res = await request(harness.app)
      .get('/series')
      .query({ from: at(0), to: at(60), step: '5m' });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^An internal error occurred logId=[0-9a-f]+$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
    expect(harness.logger.error).toHaveBeenCalled();
  });

  it('still answers 500 to an error that is not about reaching the database', async () => {
    const harness = await createHarness(databases, {
      now,
      store: {
        insertEvents: jest
          .fn()
          .mockRejectedValue(pgError('42601', 'syntax error')),
      } as unknown as AiMetricsStore,
    });
    const res = await request(harness.app).post('/events').send(body);
    expect(res.status).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});
