import { Knex } from 'knex';
import { RollupRecord, RollupResolution } from './AiMetricsStore';
import { LatencySketch } from './LatencySketch';
import { addRollup, emptyRollup, rollupKey } from './rollups';
import {
  chunks,
  fromRollupRow,
  isPostgres,
  ROLLUP_KEY,
  ROLLUP_TABLES,
  RollupRow,
  toRollupRow,
} from './tables';

/**
 * The merge of two LatencySketch JSON texts `o` (stored) and `n` (delta), as
 * LatencySketch.merge does: zero counts and bin counts add up. Only the
 * delta's bins are visited; `||` replaces the stored bins they touch. The
 * stored relative accuracy is kept (LatencySketch.parse checks it on read).
 */
const MERGE_SKETCH_PG = `(
  select jsonb_build_object(
    'a', coalesce(o -> 'a', n -> 'a'),
    'z', coalesce((o ->> 'z')::bigint, 0) + coalesce((n ->> 'z')::bigint, 0),
    'b', coalesce(o -> 'b', '{}'::jsonb) || coalesce((
      select jsonb_object_agg(
        d.key, d.value::bigint + coalesce((o -> 'b' ->> d.key)::bigint, 0)
      )
      from jsonb_each_text(n -> 'b') as d
    ), '{}'::jsonb)
  )::text
  -- offset 0 keeps the subquery from being inlined, which would parse the
  -- stored text once per reference of o instead of once
  from (select r.latency_sketch::jsonb as o,
               excluded.latency_sketch::jsonb as n offset 0) as s
)`;

const UPSERT_ROLLUPS_PG: Record<RollupResolution, string> = {
  minute: '',
  hour: '',
};
for (const resolution of ['minute', 'hour'] as const) {
  UPSERT_ROLLUPS_PG[resolution] = `
  insert into ${ROLLUP_TABLES[resolution]} as r (
    bucket_start, model, model_version, request_count, error_count,
    input_tokens, output_tokens, cost_usd, score_sum, score_count,
    latency_sum_ms, latency_sketch
  )
  select * from unnest(
    ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
    ?::bigint[], ?::float8[], ?::float8[], ?::bigint[], ?::float8[], ?::text[]
  )
  on conflict (bucket_start, model, model_version) do update set
    request_count = r.request_count + excluded.request_count,
    error_count = r.error_count + excluded.error_count,
    input_tokens = r.input_tokens + excluded.input_tokens,
    output_tokens = r.output_tokens + excluded.output_tokens,
    cost_usd = r.cost_usd + excluded.cost_usd,
    score_sum = r.score_sum + excluded.score_sum,
    score_count = r.score_count + excluded.score_count,
    latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
    latency_sketch = ${MERGE_SKETCH_PG}`;
}

/**
 * Adds deltas, sorted by rollup key, to the rollup rows of one table inside
 * the ingest transaction.
 *
 * Concurrency: on PostgreSQL one "insert ... on conflict do update" adds the
 * deltas and merges the sketches in SQL: the update locks each row and reads
 * its latest committed version, so two replicas adding to the same bucket
 * never lose an update. On SQLite (one writer at a time) missing rows are
 * created, read and merged in code, then written back.
 */
export async function addToRollups(options: {
  trx: Knex.Transaction;
  resolution: RollupResolution;
  deltas: RollupRecord[];
}): Promise<void> {
  const { trx, resolution, deltas } = options;
  if (isPostgres(trx)) {
    await addToRollupsPg(trx, resolution, deltas);
  } else {
    await addToRollupsInCode(trx, resolution, deltas);
  }
}

/**
 * PostgreSQL: adds sorted deltas to the rollup rows of one table in one
 * "insert ... on conflict do update" whose SET adds the counters and merges
 * the sketches in SQL. The update locks each row and sees its latest
 * committed version, so concurrent writers lose no update; rows are
 * written in the deltas' (sorted) order, so writers never deadlock.
 */
async function addToRollupsPg(
  trx: Knex.Transaction,
  resolution: RollupResolution,
  deltas: RollupRecord[],
): Promise<void> {
  await trx.raw(UPSERT_ROLLUPS_PG[resolution], [
    deltas.map(d => d.bucketStart),
    deltas.map(d => d.model),
    deltas.map(d => d.version),
    deltas.map(d => d.requests),
    deltas.map(d => d.errors),
    deltas.map(d => d.inputTokens),
    deltas.map(d => d.outputTokens),
    deltas.map(d => d.costUsd),
    deltas.map(d => d.scoreSum),
    deltas.map(d => d.scoreCount),
    deltas.map(d => d.latencySumMs),
    deltas.map(d => d.latency.serialize()),
  ]);
}

/** Adds sorted deltas to the rollup rows of one table. */
async function addToRollupsInCode(
  trx: Knex.Transaction,
  resolution: RollupResolution,
  deltas: RollupRecord[],
): Promise<void> {
  const table = ROLLUP_TABLES[resolution];
  const emptySketch = new LatencySketch().serialize();
  for (const chunk of chunks(deltas)) {
    // 1. make sure every row exists, so that the lock below covers it
    await trx(table)
      .insert(
        chunk.map(d => ({
          bucket_start: d.bucketStart,
          model: d.model,
          model_version: d.version,
          latency_sketch: emptySketch,
        })),
      )
      .onConflict(ROLLUP_KEY)
      .ignore();

    // 2. read the current rows, locked until commit on PostgreSQL
    let query = trx<RollupRow>(table)
      .whereIn(
        ROLLUP_KEY,
        chunk.map(d => [d.bucketStart, d.model, d.version]),
      )
      .orderBy(ROLLUP_KEY);
    if (isPostgres(trx)) {
      query = query.forUpdate();
    }
    const current = new Map(
      (await query).map(row => {
        const record = fromRollupRow(row);
        return [rollupKey(record), record];
      }),
    );

    // 3. merge in code and write back in one statement
    const merged = chunk.map(delta =>
      addRollup(current.get(rollupKey(delta)) ?? emptyRollup(delta), delta),
    );
    await trx(table)
      .insert(merged.map(toRollupRow))
      .onConflict(ROLLUP_KEY)
      .merge();
  }
}
