import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { eventRecord } from '../__testUtils__/events';
import { exactQuantile, randomLatencies } from '../__testUtils__/random';
import { KnexAiMetricsStore } from './KnexAiMetricsStore';
import { LatencySketch } from './LatencySketch';
import { addRollup, emptyRollup } from './rollups';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
/** The producer of the tests that do not care who sends. */
const PRODUCER = 'external:test-producer';

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await KnexAiMetricsStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

describe('KnexAiMetricsStore', () => {
  if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    it('has a PostgreSQL to test against', () => {
      expect(databases.supports('POSTGRES_15')).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'runs reversible migrations, %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('ai_metric_events')).toBe(true);
      expect(await knex.schema.hasTable('ai_metric_rollups_hour')).toBe(true);
      const directory = resolvePackagePath(
        '@ai-ops-console/backstage-plugin-ai-metrics-backend',
        'migrations',
      );
      const row = (producer: string) => ({
        producer,
        id: 'shared',
        occurred_at: T0,
        received_at: T0,
        model: 'm',
        provider: 'p',
        operation: 'chat',
        latency_ms: 1,
      });
      await knex('ai_metric_events').insert([row('b'), row('a')]);
      // back to one row per id: the id alone is the key again
      await knex.migrate.down({ directory });
      expect(await knex('ai_metric_events').select('id').orderBy('id')).toEqual(
        [{ id: 'shared' }],
      );
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('ai_metric_events')).toBe(false);
      expect(await knex.schema.hasTable('ai_metric_rollups_minute')).toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('ai_metric_rollups_minute')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'skips migrations when the database service says so, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await KnexAiMetricsStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await knex.schema.hasTable('ai_metric_events')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a retried batch and a repeated id once, raw and rolled up, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const batch = [
        eventRecord({ id: 'a', latencyMs: 100, costUsd: 0.5, score: 0.5 }),
        eventRecord({ id: 'b', latencyMs: 200, errorType: 'timeout' }),
        eventRecord({ id: 'a', latencyMs: 999 }),
      ];
      const first = await store.insertEvents({
        producer: PRODUCER,
        events: batch,
        receivedAt: T0,
      });
      expect(first.inserted.map(e => e.id)).toEqual(['a', 'b']);
      const retry = await store.insertEvents({
        producer: PRODUCER,
        events: batch,
        receivedAt: T0,
      });
      expect(retry.inserted).toEqual([]);
      const mixed = await store.insertEvents({
        producer: PRODUCER,
        events: [eventRecord({ id: 'c', latencyMs: 300 }), batch[1]],
        receivedAt: T0,
      });
      expect(mixed.inserted.map(e => e.id)).toEqual(['c']);

      const [{ n }] = await knex('ai_metric_events').count({ n: '*' });
      expect(Number(n)).toBe(3);
      for (const resolution of ['minute', 'hour'] as const) {
        const [row] = await store.readRollups({
          resolution,
          from: T0 - HOUR,
          to: T0 + HOUR,
        });
        expect(row).toMatchObject({
          bucketStart: T0,
          model: 'gpt-4o',
          version: '',
          requests: 3,
          errors: 1,
          inputTokens: 30,
          outputTokens: 15,
          scoreSum: 0.5,
          scoreCount: 1,
          latencySumMs: 600,
        });
        expect(row.costUsd).toBeCloseTo(0.502, 10);
        expect(row.latency.count).toBe(3);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "scopes ids per producer: another producer's event with the same id is stored, a producer's own retry counts once, %p",
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const send = (producer: string, latencyMs: number) =>
        store.insertEvents({
          producer,
          receivedAt: T0,
          events: [eventRecord({ id: 'run-1:0', latencyMs })],
        });
      // producer a sends first an id that producer b uses too
      expect((await send('external:producer-a', 100)).inserted).toHaveLength(1);
      expect((await send('plugin:workflows', 300)).inserted).toHaveLength(1);
      expect((await send('user:default/jane', 500)).inserted).toHaveLength(1);
      // retries of each
      expect((await send('external:producer-a', 100)).inserted).toEqual([]);
      expect((await send('plugin:workflows', 300)).inserted).toEqual([]);

      const rows = await knex('ai_metric_events')
        .select('producer', 'id')
        .orderBy('producer');
      expect(rows).toEqual([
        { producer: 'external:producer-a', id: 'run-1:0' },
        { producer: 'plugin:workflows', id: 'run-1:0' },
        { producer: 'user:default/jane', id: 'run-1:0' },
      ]);
      for (const resolution of ['minute', 'hour'] as const) {
        const [rollup] = await store.readRollups({
          resolution,
          from: T0,
          to: T0 + HOUR,
        });
        expect(rollup).toMatchObject({ requests: 3, latencySumMs: 900 });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'scopes ids per producer when their batches are written in one group commit, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const events = Array.from({ length: 50 }, (_, i) =>
        eventRecord({ id: `e-${i}` }),
      );
      const producers = ['external:a', 'external:b', 'external:a'];
      // sent at once: batches arriving while one is written are grouped
      const results = await Promise.all(
        [...producers, ...producers].map(producer =>
          store.insertEvents({ producer, events, receivedAt: T0 }),
        ),
      );
      const inserted = results.map(r => r.inserted.length);
      // each producer's 50 events are new once, whichever batch carried them
      expect(inserted.reduce((a, b) => a + b, 0)).toBe(100);
      const [hour] = await store.readRollups({
        resolution: 'hour',
        from: T0,
        to: T0 + HOUR,
      });
      expect(hour.requests).toBe(100);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps recognising the events stored before producers were recorded, until retention deletes them, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@ai-ops-console/backstage-plugin-ai-metrics-backend',
        'migrations',
      );
      await knex.migrate.latest({ directory });
      await knex.migrate.down({ directory });
      // an event stored by the previous version: no producer
      await knex('ai_metric_events').insert({
        id: 'legacy-1',
        occurred_at: T0 - 2 * HOUR,
        received_at: T0,
        model: 'gpt-4o',
        provider: 'openai',
        operation: 'chat',
        latency_ms: 100,
      });
      const store = await KnexAiMetricsStore.create({
        database: mockServices.database({ knex }),
      });
      const retry = await store.insertEvents({
        producer: 'external:producer-a',
        receivedAt: T0,
        events: [
          eventRecord({ id: 'legacy-1', occurredAt: T0 - 2 * HOUR }),
          eventRecord({ id: 'new-1' }),
        ],
      });
      expect(retry.inserted.map(e => e.id)).toEqual(['new-1']);

      await store.deleteExpired({
        rawEventsBefore: T0 - HOUR,
        minuteRollupsBefore: 0,
        hourRollupsBefore: 0,
      });
      const later = await store.insertEvents({
        producer: 'external:producer-a',
        receivedAt: T0,
        events: [eventRecord({ id: 'legacy-1', occurredAt: T0 - 2 * HOUR })],
      });
      expect(later.inserted.map(e => e.id)).toEqual(['legacy-1']);
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls up thousands of random latencies into percentiles within the sketch error of the raw events, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const latencies = randomLatencies({ count: 6_000, seed: 42 });
      const models = ['gpt-4o', 'claude-3-5-sonnet'];
      const events = latencies.map((latencyMs, i) =>
        eventRecord({
          id: `e-${i}`,
          model: models[i % 2],
          version: i % 3 === 0 ? 'v2' : 'v1',
          // spread over three hours, every minute of them
          occurredAt: T0 + ((i * 7919) % (3 * 60)) * MINUTE + (i % 60) * 1000,
          latencyMs,
        }),
      );
      for (let i = 0; i < events.length; i += 500) {
        await store.insertEvents({
          producer: PRODUCER,
          events: events.slice(i, i + 500),
          receivedAt: T0,
        });
      }

      for (const model of models) {
        const raw = (
          await knex('ai_metric_events').where({ model }).select('latency_ms')
        )
          .map(row => Number(row.latency_ms))
          .sort((a, b) => a - b);
        for (const resolution of ['minute', 'hour'] as const) {
          const rows = await store.readRollups({
            resolution,
            from: T0,
            to: T0 + 3 * HOUR,
            models: [model],
          });
          const size = resolution === 'hour' ? HOUR : MINUTE;
          const keys = new Set(
            events
              .filter(e => e.model === model)
              .map(e => `${Math.floor(e.occurredAt / size)}/${e.version}`),
          );
          expect(rows.length).toBe(keys.size);
          const merged = rows.reduce(
            (acc, row) => addRollup(acc, row),
            emptyRollup({ bucketStart: T0, model, version: '' }),
          );
          expect(merged.requests).toBe(raw.length);
          for (const q of [0.5, 0.95, 0.99]) {
            const exact = exactQuantile(raw, q);
            const estimate = merged.latency.quantile(q)!;
            expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(
              LatencySketch.relativeAccuracy * exact + 1e-9,
            );
          }
        }
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'loses no update when writers add to the same buckets at once, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 50 }, (__, i) =>
          eventRecord({
            // batches overlap by half their ids, as retries racing each other would
            id: `id-${b * 25 + i}`,
            occurredAt: T0 + (i % 3) * MINUTE,
            latencyMs: 10 + i,
          }),
        ),
      );
      const results = await Promise.all(
        batches.map(events =>
          store.insertEvents({
            producer: PRODUCER,
            events,
            receivedAt: T0,
          }),
        ),
      );
      const distinct = 5 * 25 + 50;
      expect(results.reduce((n, r) => n + r.inserted.length, 0)).toBe(distinct);
      const minutes = await store.readRollups({
        resolution: 'minute',
        from: T0,
        to: T0 + HOUR,
      });
      expect(minutes.map(r => r.bucketStart)).toEqual([
        T0,
        T0 + MINUTE,
        T0 + 2 * MINUTE,
      ]);
      expect(minutes.reduce((n, r) => n + r.requests, 0)).toBe(distinct);
      expect(minutes.reduce((n, r) => n + r.latency.count, 0)).toBe(distinct);
      const [hour] = await store.readRollups({
        resolution: 'hour',
        from: T0,
        to: T0 + HOUR,
      });
      expect(hour.requests).toBe(distinct);
    },
  );

  it.each(databases.eachSupportedId())(
    'merges stored sketches exactly as LatencySketch.merge does, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      // overlapping and new bins, zero and sub-millisecond latencies, over three batches
      const batches = [
        [100, 100, 0, 2500],
        [100, 0.5, 0.0001, 7],
        [2500, 7, 7, 31_000, 0.5],
      ];
      const expected = new LatencySketch();
      let n = 0;
      for (const latencies of batches) {
        const first = n;
        const events = latencies.map((latencyMs, i) =>
          eventRecord({ id: `m-${first + i}`, latencyMs }),
        );
        n += events.length;
        latencies.forEach(v => expected.add(v));
        await store.insertEvents({
          producer: PRODUCER,
          receivedAt: T0,
          events,
        });
      }
      for (const resolution of ['minute', 'hour'] as const) {
        const [row] = await store.readRollups({
          resolution,
          from: T0,
          to: T0 + HOUR,
        });
        expect(row.requests).toBe(n);
        expect(row.latency.serialize()).toBe(expected.serialize());
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'reads rollups by range, model and version, and lists models, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.insertEvents({
        producer: PRODUCER,
        receivedAt: T0,
        events: [
          eventRecord({ id: '1', model: 'a', version: 'v1', occurredAt: T0 }),
          eventRecord({ id: '2', model: 'a', version: 'v2', occurredAt: T0 }),
          eventRecord({ id: '3', model: 'b', occurredAt: T0 + 2 * HOUR }),
        ],
      });
      const read = (options: { models?: string[]; versions?: string[] }) =>
        store.readRollups({
          resolution: 'hour',
          from: T0,
          to: T0 + HOUR,
          ...options,
        });
      expect((await read({})).map(r => `${r.model}/${r.version}`)).toEqual([
        'a/v1',
        'a/v2',
      ]);
      expect((await read({ versions: ['v2'] })).map(r => r.version)).toEqual([
        'v2',
      ]);
      expect(await read({ models: ['b'] })).toEqual([]);
      expect(await read({ models: [] })).toEqual([]);

      expect(await store.listModelNames()).toEqual(['a', 'b']);
      expect(await store.listModelVersions()).toEqual([
        { model: 'a', version: 'v1', firstSeen: T0, lastSeen: T0 },
        { model: 'a', version: 'v2', firstSeen: T0, lastSeen: T0 },
        {
          model: 'b',
          version: '',
          firstSeen: T0 + 2 * HOUR,
          lastSeen: T0 + 2 * HOUR,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads rollups merged per step, with or without versions, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const at = (id: string, version: string, minutes: number, ms: number) =>
        eventRecord({
          id,
          model: 'a',
          version,
          occurredAt: T0 + minutes * MINUTE,
          latencyMs: ms,
          costUsd: 0.25,
        });
      await store.insertEvents({
        producer: PRODUCER,
        receivedAt: T0,
        events: [
          at('1', 'v1', 0, 100),
          at('2', 'v1', 4, 200),
          at('3', 'v2', 1, 300),
          at('4', 'v1', 5, 400),
          at('5', 'v1', 11, 500),
        ],
      });
      const read = (mergeVersions: boolean) =>
        store.readRollups({
          resolution: 'minute',
          from: T0,
          to: T0 + 10 * MINUTE,
          stepMs: 5 * MINUTE,
          mergeVersions,
        });
      // the sketch's answer for the largest value: within 1% of it
      const top = (ms: number) => new LatencySketch().add(ms).quantile(1);
      const summary = (rows: Awaited<ReturnType<typeof read>>) =>
        rows.map(r => ({
          at: (r.bucketStart - T0) / MINUTE,
          version: r.version,
          requests: r.requests,
          costUsd: r.costUsd,
          latencySumMs: r.latencySumMs,
          max: r.latency.quantile(1),
          count: r.latency.count,
        }));
      expect(summary(await read(false))).toEqual([
        {
          at: 0,
          version: 'v1',
          requests: 2,
          costUsd: 0.5,
          latencySumMs: 300,
          max: top(200),
          count: 2,
        },
        {
          at: 0,
          version: 'v2',
          requests: 1,
          costUsd: 0.25,
          latencySumMs: 300,
          max: top(300),
          count: 1,
        },
        {
          at: 5,
          version: 'v1',
          requests: 1,
          costUsd: 0.25,
          latencySumMs: 400,
          max: top(400),
          count: 1,
        },
      ]);
      expect(summary(await read(true))).toEqual([
        {
          at: 0,
          version: '',
          requests: 3,
          costUsd: 0.75,
          latencySumMs: 600,
          max: top(300),
          count: 3,
        },
        {
          at: 5,
          version: '',
          requests: 1,
          costUsd: 0.25,
          latencySumMs: 400,
          max: top(400),
          count: 1,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes what is past retention, table by table, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.insertEvents({
        producer: PRODUCER,
        receivedAt: T0,
        events: [
          eventRecord({ id: 'old', occurredAt: T0 - 2 * HOUR }),
          eventRecord({ id: 'new', occurredAt: T0 }),
        ],
      });
      expect(await store.stats()).toEqual({
        rawEvents: 2,
        minuteRollups: 2,
        hourRollups: 2,
        oldestRawEvent: T0 - 2 * HOUR,
      });
      const deleted = await store.deleteExpired({
        rawEventsBefore: T0 - HOUR,
        minuteRollupsBefore: T0 + MINUTE,
        hourRollupsBefore: T0 - 3 * HOUR,
      });
      expect(deleted).toEqual({
        rawEvents: 1,
        minuteRollups: 2,
        hourRollups: 0,
      });
      expect(await store.stats()).toEqual({
        rawEvents: 1,
        minuteRollups: 0,
        hourRollups: 2,
        oldestRawEvent: T0,
      });
      // the id of a deleted raw event is no longer known: retention bounds the idempotency window
      const again = await store.insertEvents({
        producer: PRODUCER,
        receivedAt: T0,
        events: [eventRecord({ id: 'new', occurredAt: T0 })],
      });
      expect(again.inserted).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps labels and trace ids of the raw event, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      await store.insertEvents({
        producer: PRODUCER,
        receivedAt: T0 + 5,
        events: [
          eventRecord({
            id: 'x',
            labels: { team: 'search' },
            traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
            score: 0.75,
            errorType: 'rate_limited',
          }),
        ],
      });
      const row = await knex('ai_metric_events').where({ id: 'x' }).first();
      expect(JSON.parse(row.labels)).toEqual({ team: 'search' });
      expect(row).toMatchObject({
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        error_type: 'rate_limited',
        score: 0.75,
      });
      expect(Number(row.received_at)).toBe(T0 + 5);
    },
  );
});
