import { TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import request from 'supertest';
import { AiMetricsStore } from '../database/AiMetricsStore';
import { wireEvent } from '../__testUtils__/events';
import { createHarness } from '../__testUtils__/routerHarness';
import { databaseUnavailableError } from '@internal/console-node';

// A database that is unreachable or restarting is a temporary condition:
// the routes answer 503 with Retry-After (never 500), without the address
// of the database or the query in the body, and serve again once it is back.

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

describe('databaseUnavailableError', () => {
  it.each([
    [
      'a refused connection',
      connectionRefused(),
      'cannot connect: ECONNREFUSED',
    ],
    [
      'a reset connection',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      'cannot connect: ECONNRESET',
    ],
    [
      'an administrator shutdown (57P01)',
      pgError('57P01', 'terminating connection due to administrator command'),
      'the database server is shutting down',
    ],
    [
      'a server shutting down or starting up (57P03)',
      pgError('57P03', 'the database system is shutting down'),
      'the database server is not accepting connections yet',
    ],
    [
      'a connection failure (class 08)',
      pgError('08006', 'connection failure'),
      'connection failure, SQLSTATE 08006',
    ],
    [
      'too many connections (53300)',
      pgError('53300', 'sorry, too many clients already'),
      'the database server has too many connections',
    ],
    [
      "pg's lost connection",
      new Error('select 1 - Connection terminated unexpectedly'),
      'the connection to the database was lost',
    ],
    [
      "pg's closed client",
      new Error('Client was closed and is not queryable'),
      'the connection to the database was lost',
    ],
    [
      "knex's acquire timeout",
      Object.assign(new Error('Timeout acquiring a connection.'), {
        name: 'KnexTimeoutError',
      }),
      'no database connection became free in time',
    ],
    [
      'a locked SQLite file',
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      'the database is locked',
    ],
  ])('answers a 503 for %s, in fixed words', (_, error, reason) => {
    const unavailable = databaseUnavailableError(error, 'ai-metrics');
    expect(unavailable?.name).toBe('ServiceUnavailableError');
    expect(unavailable?.message).toBe(
      `the ai-metrics database is unavailable (${reason}); retry later`,
    );
    expect(unavailable?.message).not.toMatch(/10\.1\.2\.3|secret-id|insert/);
    expect(unavailable?.cause).toBeUndefined();
  });

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

    for (const reason of [
      'cannot connect: ECONNREFUSED',
      'the database server is not accepting connections yet',
    ]) {
      const res = await request(harness.app).post('/events').send(body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: `the ai-metrics database is unavailable (${reason}); retry later`,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/10\.1\.2\.3|secret-id/);
    }
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
    expect(res.body.error.message).toBe(
      'the ai-metrics database is unavailable (the database server is shutting down); retry later',
    );
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
