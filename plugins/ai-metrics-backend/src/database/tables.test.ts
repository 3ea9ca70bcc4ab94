import { migratedDatabase, storeDatabases } from '../__testUtils__/database';
import { eventRecord } from '../__testUtils__/events';
import { rollUp } from './rollups';
import { chunks, fromRollupRow, ROLLUP_TABLES, toRollupRow } from './tables';

jest.setTimeout(60_000);
const databases = storeDatabases();

describe('rollup rows', () => {
  it.each(databases.eachSupportedId())(
    'read back as the record that was written, as numbers, %p',
    async databaseId => {
      const knex = await migratedDatabase(databases, databaseId);
      const [record] = rollUp(
        [
          eventRecord({ id: 'a', latencyMs: 120, score: 0.5, costUsd: 0.25 }),
          eventRecord({ id: 'b', latencyMs: 80, errorType: 'timeout' }),
        ],
        'hour',
      );
      await knex(ROLLUP_TABLES.hour).insert(toRollupRow(record));
      // PostgreSQL answers bigint columns as strings
      const [row] = await knex(ROLLUP_TABLES.hour).select();
      const read = fromRollupRow(row);
      expect({ ...read, latency: read.latency.serialize() }).toEqual({
        ...record,
        latency: record.latency.serialize(),
      });
      expect(read.requests).toBe(2);
      expect(read.errors).toBe(1);
    },
  );

  it('writes in chunks that SQLite accepts in one statement', () => {
    const items = Array.from({ length: 450 }, (_, i) => i);
    expect(chunks(items).map(c => c.length)).toEqual([200, 200, 50]);
    expect(chunks([])).toEqual([]);
  });
});
