import { migratedDatabase, storeDatabases } from '../__testUtils__/database';
import { eventRecord } from '../__testUtils__/events';
import { LatencySketch } from './LatencySketch';
import { rollUp } from './rollups';
import { addToRollups } from './rollupWrites';
import { fromRollupRow, ROLLUP_TABLES } from './tables';

jest.setTimeout(60_000);
const databases = storeDatabases();
const T0 = Date.parse('2026-11-26T10:00:00Z');

describe('addToRollups', () => {
  it.each(databases.eachSupportedId())(
    'creates missing buckets and adds to stored ones, merging sketches, %p',
    async databaseId => {
      const knex = await migratedDatabase(databases, databaseId);
      const first = [
        eventRecord({ id: 'a', latencyMs: 100, occurredAt: T0 }),
        eventRecord({ id: 'b', latencyMs: 900, occurredAt: T0, model: 'm2' }),
      ];
      const second = [
        eventRecord({ id: 'c', latencyMs: 300, occurredAt: T0, score: 1 }),
        eventRecord({ id: 'd', latencyMs: 50, occurredAt: T0 + 60_000 }),
      ];
      for (const events of [first, second]) {
        await knex.transaction(trx =>
          addToRollups({
            trx,
            resolution: 'minute',
            deltas: rollUp(events, 'minute'),
          }),
        );
      }
      const rows = (
        await knex(ROLLUP_TABLES.minute).orderBy([
          'bucket_start',
          'model',
          'model_version',
        ])
      ).map(fromRollupRow);
      expect(
        rows.map(r => [r.bucketStart - T0, r.model, r.requests, r.scoreCount]),
      ).toEqual([
        [0, 'gpt-4o', 2, 1],
        [0, 'm2', 1, 0],
        [60_000, 'gpt-4o', 1, 0],
      ]);
      const expected = new LatencySketch();
      expected.add(100);
      expected.add(300);
      expect(rows[0].latency.serialize()).toBe(expected.serialize());
      expect(rows[0].latencySumMs).toBe(400);
    },
  );
});
