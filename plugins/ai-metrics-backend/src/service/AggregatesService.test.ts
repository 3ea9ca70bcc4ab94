import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { KnexAiMetricsStore } from '../database/KnexAiMetricsStore';
import { LatencySketch } from '../database/LatencySketch';
import { eventRecord } from '../__testUtils__/events';
import { exactQuantile, randomLatencies } from '../__testUtils__/random';
import { AggregatesService } from './AggregatesService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function serviceWith(
  databaseId: Parameters<typeof databases.init>[0],
  events: ReturnType<typeof eventRecord>[],
) {
  const knex = await databases.init(databaseId);
  const store = await KnexAiMetricsStore.create({
    database: mockServices.database({ knex }),
  });
  for (let i = 0; i < events.length; i += 500) {
    await store.insertEvents({
      producer: 'external:test-producer',
      events: events.slice(i, i + 500),
      receivedAt: T0,
    });
  }
  return new AggregatesService({ store, maxPoints: 1500 });
}

function within1Percent(estimate: number | null, exact: number) {
  expect(estimate).not.toBeNull();
  expect(Math.abs(estimate! - exact)).toBeLessThanOrEqual(
    LatencySketch.relativeAccuracy * exact + 1e-9,
  );
}

describe('AggregatesService', () => {
  if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    it('has a PostgreSQL to test against', () => {
      expect(databases.supports('POSTGRES_15')).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'answers a series over a range and step with per-step percentiles within 1% of the raw values, %p',
    async databaseId => {
      // 2,400 calls over 4 hours: 10 a minute
      const latencies = randomLatencies({ count: 2_400, seed: 3 });
      const events = latencies.map((latencyMs, i) =>
        eventRecord({
          id: `e${i}`,
          occurredAt: T0 + Math.floor(i / 10) * MINUTE + (i % 10) * 1000,
          latencyMs,
          errorType: i % 20 === 0 ? 'timeout' : null,
          costUsd: 0.01,
          inputTokens: 100,
          outputTokens: 10,
          score: i % 2 === 0 ? 1 : 0,
        }),
      );
      const service = await serviceWith(databaseId, events);

      for (const [step, resolution] of [
        [15 * MINUTE, 'minute'],
        [HOUR, 'hour'],
      ] as const) {
        const result = await service.series({
          // from is rounded down to the resolution
          from: T0 + 30_000,
          to: T0 + 4 * HOUR,
          stepMs: step,
          groupBy: 'model',
        });
        expect(result).toMatchObject({
          from: iso(T0),
          to: iso(T0 + 4 * HOUR),
          stepSeconds: step / 1000,
          resolution,
        });
        const [series] = result.series;
        expect(series.model).toBe('gpt-4o');
        expect(series.points).toHaveLength((4 * HOUR) / step);
        series.points.forEach((point, index) => {
          const inStep = events.filter(
            e =>
              e.occurredAt >= T0 + index * step &&
              e.occurredAt < T0 + (index + 1) * step,
          );
          const sorted = inStep.map(e => e.latencyMs).sort((a, b) => a - b);
          expect(point.time).toBe(iso(T0 + index * step));
          expect(point.requests).toBe(inStep.length);
          expect(point.errors).toBe(
            inStep.filter(e => e.errorType !== null).length,
          );
          expect(point.requestRate).toBeCloseTo(inStep.length / (step / 1000));
          expect(point.inputTokens).toBe(100 * inStep.length);
          expect(point.costUsd).toBeCloseTo(0.01 * inStep.length, 8);
          expect(point.accuracy).toBe(0.5);
          within1Percent(point.latencyMs.p50, exactQuantile(sorted, 0.5));
          within1Percent(point.latencyMs.p95, exactQuantile(sorted, 0.95));
          within1Percent(point.latencyMs.p99, exactQuantile(sorted, 0.99));
        });
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'summarises a range with hour rollups inside and minute rollups at the edges, %p',
    async databaseId => {
      const at = [
        T0 - 20 * MINUTE, // before the range
        T0 + 30 * MINUTE, // leading edge (minute rollups)
        T0 + HOUR + 5 * MINUTE, // whole hour inside (hour rollups)
        T0 + 2 * HOUR + 10 * MINUTE, // trailing edge
        T0 + 2 * HOUR + 50 * MINUTE, // after the range
      ];
      const service = await serviceWith(
        databaseId,
        at.map((occurredAt, i) =>
          eventRecord({ id: `x${i}`, occurredAt, latencyMs: 100 * (i + 1) }),
        ),
      );
      const result = await service.compare({
        from: T0 + 15 * MINUTE,
        to: T0 + 2 * HOUR + 20 * MINUTE,
        models: ['gpt-4o'],
      });
      expect(result.from).toBe(iso(T0 + 15 * MINUTE));
      expect(result.items[0].summary).toMatchObject({ requests: 3 });
      within1Percent(result.items[0].summary.latencyMs.p50, 300);
    },
  );

  it.each(databases.eachSupportedId())(
    'ranks, compares versions and lists models, %p',
    async databaseId => {
      const service = await serviceWith(databaseId, [
        eventRecord({ id: '1', model: 'a', version: 'v1', costUsd: 1 }),
        eventRecord({ id: '2', model: 'a', version: 'v2', costUsd: 5 }),
        eventRecord({ id: '3', model: 'b', costUsd: 3, errorType: 'x' }),
      ]);
      const range = { from: T0, to: T0 + HOUR };
      const byCost = await service.top({
        ...range,
        by: 'cost',
        limit: 10,
        groupBy: 'model',
      });
      expect(byCost.items.map(i => [i.model, i.value])).toEqual([
        ['a', 6],
        ['b', 3],
      ]);
      const byVersion = await service.top({
        ...range,
        by: 'cost',
        limit: 2,
        groupBy: 'version',
      });
      expect(byVersion.items.map(i => [i.model, i.version])).toEqual([
        ['a', 'v2'],
        ['b', undefined],
      ]);
      const restricted = await service.top({
        ...range,
        by: 'errors',
        limit: 10,
        groupBy: 'model',
        models: ['a'],
      });
      expect(restricted.items.map(i => [i.model, i.value])).toEqual([['a', 0]]);
      const versions = await service.compare({
        ...range,
        models: ['a'],
        versions: ['v2', 'v1', 'v3'],
      });
      expect(versions.items.map(i => [i.version, i.summary.costUsd])).toEqual([
        ['v2', 5],
        ['v1', 1],
        ['v3', 0],
      ]);
      expect((await service.listModels({})).items).toEqual([
        {
          model: 'a',
          versions: ['v1', 'v2'],
          firstSeen: iso(T0),
          lastSeen: iso(T0),
        },
        { model: 'b', versions: [], firstSeen: iso(T0), lastSeen: iso(T0) },
      ]);
      expect(
        (await service.listModels({ models: ['b'] })).items.map(i => i.model),
      ).toEqual(['b']);
    },
  );

  it.each(databases.eachSupportedId())(
    'chooses a step when none is given and refuses ranges too long for the resolution, %p',
    async databaseId => {
      const service = await serviceWith(databaseId, []);
      const day = await service.series({
        from: T0,
        to: T0 + 24 * HOUR,
        groupBy: 'model',
        models: ['m'],
      });
      expect(day.stepSeconds).toBe(15 * 60);
      expect(day.series).toEqual([
        expect.objectContaining({ model: 'm', points: expect.any(Array) }),
      ]);
      expect(day.series[0].points).toHaveLength(96);
      await expect(
        service.series({
          from: T0,
          to: T0 + 30 * 24 * HOUR,
          stepMs: 30 * MINUTE,
          groupBy: 'model',
        }),
      ).rejects.toThrow('use a step of whole hours');
      await expect(
        service.compare({ from: T0, to: T0 + 500 * 24 * HOUR, models: ['m'] }),
      ).rejects.toThrow('more than 400 days apart');
    },
  );
});
