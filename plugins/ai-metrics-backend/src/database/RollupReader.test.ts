import { migratedDatabase, storeDatabases } from '../__testUtils__/database';
import { eventRecord } from '../__testUtils__/events';
import { rollUp } from './rollups';
import { addToRollups } from './rollupWrites';
import { RollupReader } from './RollupReader';

jest.setTimeout(60_000);
const databases = storeDatabases();
const T0 = Date.parse('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;

/** A reader over hour rollups of one event per (hour, model, version). */
async function readerOver(
  databaseId: Parameters<typeof migratedDatabase>[1],
  events: Array<{ hour: number; model: string; version: string }>,
) {
  const knex = await migratedDatabase(databases, databaseId);
  const records = events.map((e, i) =>
    eventRecord({
      id: String(i),
      occurredAt: T0 + e.hour * HOUR,
      model: e.model,
      version: e.version,
      latencyMs: 100 * (i + 1),
    }),
  );
  await knex.transaction(trx =>
    addToRollups({ trx, resolution: 'hour', deltas: rollUp(records, 'hour') }),
  );
  return new RollupReader({ db: knex });
}

describe('RollupReader', () => {
  it.each(databases.eachSupportedId())(
    'reads buckets by range, model and version, in key order, %p',
    async databaseId => {
      const reader = await readerOver(databaseId, [
        { hour: 0, model: 'b', version: 'v1' },
        { hour: 0, model: 'a', version: 'v2' },
        { hour: 1, model: 'a', version: 'v1' },
        { hour: 2, model: 'a', version: 'v1' },
      ]);
      const read = (options: { models?: string[]; versions?: string[] }) =>
        reader
          .readRollups({
            resolution: 'hour',
            from: T0,
            to: T0 + 2 * HOUR,
            ...options,
          })
          .then(rows =>
            rows.map(
              r => `${(r.bucketStart - T0) / HOUR} ${r.model} ${r.version}`,
            ),
          );
      expect(await read({})).toEqual(['0 a v2', '0 b v1', '1 a v1']);
      expect(await read({ models: ['a'], versions: ['v1'] })).toEqual([
        '1 a v1',
      ]);
      // an empty list allows nothing
      expect(await read({ models: [] })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'merges the buckets of each step, and the versions when asked, %p',
    async databaseId => {
      const reader = await readerOver(databaseId, [
        { hour: 0, model: 'a', version: 'v1' },
        { hour: 1, model: 'a', version: 'v1' },
        { hour: 1, model: 'a', version: 'v2' },
        { hour: 2, model: 'a', version: 'v2' },
      ]);
      const stepped = (mergeVersions: boolean) =>
        reader
          .readRollups({
            resolution: 'hour',
            from: T0,
            to: T0 + 3 * HOUR,
            stepMs: 2 * HOUR,
            mergeVersions,
          })
          .then(rows =>
            rows.map(r => [
              (r.bucketStart - T0) / HOUR,
              r.version,
              r.requests,
              r.latencySumMs,
              r.latency.count,
            ]),
          );
      expect(await stepped(false)).toEqual([
        [0, 'v1', 2, 300, 2],
        [0, 'v2', 1, 300, 1],
        [2, 'v2', 1, 400, 1],
      ]);
      expect(await stepped(true)).toEqual([
        [0, '', 3, 600, 3],
        [2, '', 1, 400, 1],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the models and versions the hour rollups know, with when they were seen, %p',
    async databaseId => {
      const reader = await readerOver(databaseId, [
        { hour: 0, model: 'b', version: '' },
        { hour: 0, model: 'a', version: 'v1' },
        { hour: 3, model: 'a', version: 'v1' },
      ]);
      expect(await reader.listModelNames()).toEqual(['a', 'b']);
      expect(await reader.listModelVersions()).toEqual([
        { model: 'a', version: 'v1', firstSeen: T0, lastSeen: T0 + 3 * HOUR },
        { model: 'b', version: '', firstSeen: T0, lastSeen: T0 },
      ]);
    },
  );
});
