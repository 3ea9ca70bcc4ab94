import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import createKnex, { Knex } from 'knex';
import { feedDatabases } from '../__testUtils__/databases';
import { FeedObservation } from './ChangeFeedStore';
import { KnexChangeFeedStore } from './KnexChangeFeedStore';

jest.setTimeout(60_000);

const { ids, create } = feedDatabases();
const T0 = Date.parse('2026-12-10T10:00:00Z');

const runs = (prefix: string, n: number, status = 'Running') =>
  Array.from({ length: n }, (_, i) => ({ runId: `${prefix}-${i}`, status }));
const keys = (observations: FeedObservation[]) =>
  observations.map(o => `${o.runId}/${o.status}`).sort();

describe.each(ids)('KnexChangeFeedStore on %p', databaseId => {
  it('runs reversible migrations', async () => {
    const { knex } = await create(databaseId);
    const directory = resolvePackagePath(
      '@ai-ops-console/backstage-plugin-workflows-backend',
      'migrations',
    );
    await knex.migrate.down({ directory });
    expect(await knex.schema.hasTable('workflows_feed_claims')).toBe(false);
    expect(await knex.schema.hasTable('workflows_feed_cursors')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('workflows_feed_claims')).toBe(true);
  });

  it('has no cursor before the first poll, then moves it forward only, per namespace', async () => {
    const { store } = await create(databaseId);
    expect(await store.readCursor({ namespace: 'default' })).toBeUndefined();

    await store.advanceCursor({ namespace: 'default', at: T0 });
    expect(await store.readCursor({ namespace: 'default' })).toBe(T0);
    await store.advanceCursor({ namespace: 'default', at: T0 + 1_000 });
    // a late poll of a replica that lost the task started earlier
    await store.advanceCursor({ namespace: 'default', at: T0 + 500 });
    expect(await store.readCursor({ namespace: 'default' })).toBe(T0 + 1_000);

    expect(await store.readCursor({ namespace: 'other' })).toBeUndefined();
    await store.advanceCursor({ namespace: 'other', at: T0 - 1 });
    expect(await store.readCursor({ namespace: 'other' })).toBe(T0 - 1);
    expect(await store.readCursor({ namespace: 'default' })).toBe(T0 + 1_000);
  });

  it('gives each observation to its first claimer only, the start and each close apart', async () => {
    const { store } = await create(databaseId);
    const first = await store.claim({
      observations: [
        { runId: 'r1', status: 'Running' },
        { runId: 'r1', status: 'Running' },
        { runId: 'r2', status: 'Running' },
      ],
      at: T0,
    });
    expect(keys(first)).toEqual(['r1/Running', 'r2/Running']);

    const again = await store.claim({
      observations: [
        { runId: 'r1', status: 'Running' },
        { runId: 'r1', status: 'Completed' },
        { runId: 'r2', status: 'Running' },
      ],
      at: T0 + 1_000,
    });
    expect(keys(again)).toEqual(['r1/Completed']);
    expect(await store.claim({ observations: [], at: T0 })).toEqual([]);
  });

  it('claims more observations than one statement takes, each once', async () => {
    const { store } = await create(databaseId);
    const many = runs('bulk', 1_234);
    expect(await store.claim({ observations: many, at: T0 })).toHaveLength(
      1_234,
    );
    const more = [...many, ...runs('late', 3)];
    expect(keys(await store.claim({ observations: more, at: T0 }))).toEqual(
      keys(runs('late', 3)),
    );
  });

  it('lets concurrent claimers on separate connections share out overlapping observations without a duplicate', async () => {
    const { knex, store } = await create(databaseId);
    // on PostgreSQL a second pool, as a second replica has; an in-memory
    // SQLite database exists only on its one connection
    const other: Knex =
      databaseId === 'SQLITE_3' ? knex : createKnex(knex.client.config);
    try {
      const replica = await KnexChangeFeedStore.create({
        database: mockServices.database({ knex: other }),
      });
      const all = runs('race', 300);
      // each claimer sees the observations in another order and in
      // overlapping slices, as polls of two replicas would
      const slices = [0, 100, 200].flatMap(start => [
        all.slice(start, start + 150),
        [...all.slice(start, start + 150)].reverse(),
      ]);
      const results = await Promise.all(
        slices.map((observations, i) =>
          (i % 2 ? replica : store).claim({ observations, at: T0 }),
        ),
      );
      expect(keys(results.flat())).toEqual(keys(all));
    } finally {
      if (other !== knex) await other.destroy();
    }
  });

  it('forgets only the claims made before the given time', async () => {
    const { store } = await create(databaseId);
    await store.claim({ observations: runs('old', 2), at: T0 });
    await store.claim({ observations: runs('new', 1), at: T0 + 60_000 });

    expect(await store.pruneClaims({ before: T0 + 60_000 })).toBe(2);
    expect(await store.pruneClaims({ before: T0 + 60_000 })).toBe(0);
    // a forgotten claim can be made again; a kept one cannot
    const after = await store.claim({
      observations: [...runs('old', 2), ...runs('new', 1)],
      at: T0 + 120_000,
    });
    expect(keys(after)).toEqual(keys(runs('old', 2)));
  });
});
