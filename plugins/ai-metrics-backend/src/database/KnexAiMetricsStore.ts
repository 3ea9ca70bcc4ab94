import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  AiMetricsStore,
  KnownModelVersion,
  MetricEventRecord,
  RetentionResult,
  RollupRecord,
  RollupResolution,
} from './AiMetricsStore';
import { GroupCommit } from './GroupCommit';
import { LatencySketch } from './LatencySketch';
import { addRollup, emptyRollup, rollUp, rollupKey } from './rollups';

const migrationsDir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-ai-metrics-backend',
  'migrations',
);

const EVENTS = 'ai_metric_events';
const ROLLUP_TABLES: Record<RollupResolution, string> = {
  minute: 'ai_metric_rollups_minute',
  hour: 'ai_metric_rollups_hour',
};
// SQLite compiles a multi-row insert to a compound SELECT, limited to 500 terms
const CHUNK = 200;
/**
 * Ingest transactions of one replica at once: batches arriving meanwhile
 * wait and are written together (group commit), so that concurrent batches
 * do not queue on each other's rollup row locks. Two keep the database busy
 * while the previous group commits.
 */
const MAX_RUNNING_WRITES = 2;
/** Most events of one group commit (a lone batch may be larger). */
const MAX_GROUP_EVENTS = 4_000;

type EventRow = {
  producer: string;
  id: string;
  occurred_at: number;
  received_at: number;
  model: string;
  model_version: string;
  provider: string;
  operation: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  error_type: string | null;
  score: number | null;
  labels: string | null;
  trace_id: string | null;
};

/** A batch as the store is handed it. */
type Batch = {
  producer: string;
  events: MetricEventRecord[];
  receivedAt: number;
};

/** An event of a group commit, with its batch's producer, arrival time and index. */
type PendingEvent = {
  producer: string;
  event: MetricEventRecord;
  receivedAt: number;
  batch: number;
};

/** The key of a raw event: its id within its producer's. */
const eventKey = (producer: string, id: string) => `${producer}\u0000${id}`;

/** The producer of rows stored before producers were recorded. */
const LEGACY_PRODUCER = '';

type RollupRow = {
  bucket_start: number | string;
  model: string;
  model_version: string;
  request_count: number | string;
  error_count: number | string;
  input_tokens: number | string;
  output_tokens: number | string;
  cost_usd: number;
  score_sum: number;
  score_count: number | string;
  latency_sum_ms: number;
  latency_sketch: string;
};

const ROLLUP_KEY = ['bucket_start', 'model', 'model_version'];

// unnest() yields the rows in array order, so rows are written in the
// order of the (sorted) arrays
const INSERT_EVENTS_PG = `
  insert into ${EVENTS} (
    received_at, producer, id, occurred_at, model, model_version, provider,
    operation, latency_ms, input_tokens, output_tokens, cost_usd, error_type,
    score, labels, trace_id
  )
  select * from unnest(
    ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::float8[], ?::bigint[], ?::bigint[], ?::float8[], ?::text[],
    ?::float8[], ?::text[], ?::text[]
  ) as e
  on conflict (producer, id) do nothing
  returning producer, id`;

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
 * An array parameter with NULL elements, which pg sends as such; knex's
 * binding type only lists arrays without nulls.
 */
function withNulls(values: Array<string | number | null>): Knex.Value {
  return values as string[];
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

function toRollupRow(r: RollupRecord): RollupRow {
  return {
    bucket_start: r.bucketStart,
    model: r.model,
    model_version: r.version,
    request_count: r.requests,
    error_count: r.errors,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cost_usd: r.costUsd,
    score_sum: r.scoreSum,
    score_count: r.scoreCount,
    latency_sum_ms: r.latencySumMs,
    latency_sketch: r.latency.serialize(),
  };
}

function fromRollupRow(row: RollupRow): RollupRecord {
  return {
    bucketStart: Number(row.bucket_start),
    model: row.model,
    version: row.model_version,
    requests: Number(row.request_count),
    errors: Number(row.error_count),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    scoreSum: Number(row.score_sum),
    scoreCount: Number(row.score_count),
    latencySumMs: Number(row.latency_sum_ms),
    latency: LatencySketch.parse(row.latency_sketch),
  };
}

/**
 * The knex store of metric events and rollups, on SQLite or PostgreSQL.
 *
 * Ingest batches that arrive while earlier ones are being written are
 * written together in one transaction (GroupCommit); each resolves once that
 * transaction has committed.
 *
 * Concurrency: every writer sorts what it touches (event ids, rollup keys) so
 * that concurrent writers take row locks in the same order. On PostgreSQL one
 * "insert ... on conflict do update" per rollup table adds the deltas and
 * merges the sketches in SQL: the update locks each row and reads its latest
 * committed version, so two replicas adding to the same bucket never lose an
 * update. On SQLite (one writer at a time) missing rows are created, read and
 * merged in code, then written back.
 */
export class KnexAiMetricsStore implements AiMetricsStore {
  private readonly db: Knex;
  private readonly isPostgres: boolean;
  private readonly writes: GroupCommit<
    Batch,
    { inserted: MetricEventRecord[] }
  >;
  /**
   * Whether rows without a producer (stored before producers were
   * recorded) may remain; false once none is found, as none is written any
   * more.
   */
  private legacyRowsMayRemain = true;

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexAiMetricsStore> {
    const { database } = options;
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new KnexAiMetricsStore({ db });
  }

  private constructor(options: { db: Knex }) {
    this.db = options.db;
    this.isPostgres = String(this.db.client.config.client).includes('pg');
    this.writes = new GroupCommit({
      maxRunning: MAX_RUNNING_WRITES,
      maxGroupWeight: MAX_GROUP_EVENTS,
      weigh: batch => batch.events.length,
      write: batches => this.insertGroup(batches),
    });
  }

  async insertEvents(
    options: Batch,
  ): Promise<{ inserted: MetricEventRecord[] }> {
    if (!options.producer) {
      // '' is the producer of legacy rows, a duplicate of everyone's ids
      throw new Error('insertEvents needs the producer of the batch');
    }
    return this.writes.submit(options);
  }

  /**
   * Stores the batches of one group in one transaction: the first batch (in
   * arrival order) holding a producer's id owns it, later copies are
   * duplicates.
   */
  private async insertGroup(
    batches: Batch[],
  ): Promise<Array<{ inserted: MetricEventRecord[] }>> {
    const results = batches.map(() => ({
      inserted: [] as MetricEventRecord[],
    }));
    // one row per (producer, id), in that order so concurrent writers wait
    // on each other in the same order
    const byKey = new Map<string, PendingEvent>();
    batches.forEach(({ producer, events, receivedAt }, batch) => {
      for (const event of events) {
        const key = eventKey(producer, event.id);
        if (!byKey.has(key)) {
          byKey.set(key, { producer, event, receivedAt, batch });
        }
      }
    });
    // keys are unique here, so no two compare equal
    const sorted = [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, p]) => p);
    if (sorted.length === 0) {
      return results;
    }

    const inserted = await this.db.transaction(async trx => {
      const legacy = await this.legacyIds(
        trx,
        sorted.map(p => p.event.id),
      );
      const pending = sorted.filter(p => !legacy.has(p.event.id));
      if (pending.length === 0) {
        return [];
      }
      const newKeys = this.isPostgres
        ? await this.insertEventRowsPg(trx, pending)
        : await this.insertEventRows(trx, pending);
      const newEvents = pending.filter(p =>
        newKeys.has(eventKey(p.producer, p.event.id)),
      );
      if (newEvents.length > 0) {
        const events = newEvents.map(p => p.event);
        for (const resolution of ['minute', 'hour'] as const) {
          const deltas = rollUp(events, resolution);
          if (this.isPostgres) {
            await this.addToRollupsPg(trx, resolution, deltas);
          } else {
            await this.addToRollups(trx, resolution, deltas);
          }
        }
      }
      return newEvents;
    });
    for (const { event, batch } of inserted) {
      results[batch].inserted.push(event);
    }
    return results;
  }

  /**
   * Of the given ids, those of rows stored before producers were recorded:
   * they stay duplicates of any producer's retry while they are kept.
   */
  private async legacyIds(
    trx: Knex.Transaction,
    ids: string[],
  ): Promise<Set<string>> {
    if (!this.legacyRowsMayRemain) {
      return new Set();
    }
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(ids)])) {
      const rows: Array<{ id: string }> = await trx(EVENTS)
        .select('id')
        .where('producer', LEGACY_PRODUCER)
        .whereIn('id', chunk);
      rows.forEach(row => found.add(row.id));
    }
    if (found.size === 0) {
      const any = await trx(EVENTS)
        .first('id')
        .where('producer', LEGACY_PRODUCER);
      if (!any) {
        this.legacyRowsMayRemain = false;
      }
    }
    return found;
  }

  /** Inserts new events in chunks; answers the keys that were new. */
  private async insertEventRows(
    trx: Knex.Transaction,
    pending: PendingEvent[],
  ): Promise<Set<string>> {
    const newKeys = new Set<string>();
    for (const chunk of chunks(pending)) {
      const rows: EventRow[] = chunk.map(
        ({ producer, event: e, receivedAt }) => ({
          producer,
          id: e.id,
          occurred_at: e.occurredAt,
          received_at: receivedAt,
          model: e.model,
          model_version: e.version,
          provider: e.provider,
          operation: e.operation,
          latency_ms: e.latencyMs,
          input_tokens: e.inputTokens,
          output_tokens: e.outputTokens,
          cost_usd: e.costUsd,
          error_type: e.errorType,
          score: e.score,
          labels: e.labels ? JSON.stringify(e.labels) : null,
          trace_id: e.traceId,
        }),
      );
      const returned: Array<{ producer: string; id: string }> = await trx(
        EVENTS,
      )
        .insert(rows)
        .onConflict(['producer', 'id'])
        .ignore()
        .returning(['producer', 'id']);
      for (const { producer, id } of returned) {
        newKeys.add(eventKey(producer, id));
      }
    }
    return newKeys;
  }

  /**
   * PostgreSQL: inserts all events in one statement of one array parameter
   * per column (16 parameters instead of 16 per row, and one round trip);
   * answers the keys that were new.
   */
  private async insertEventRowsPg(
    trx: Knex.Transaction,
    pending: PendingEvent[],
  ): Promise<Set<string>> {
    const events = pending.map(p => p.event);
    const columns: Knex.Value[] = [
      pending.map(p => p.receivedAt),
      pending.map(p => p.producer),
      events.map(e => e.id),
      events.map(e => e.occurredAt),
      events.map(e => e.model),
      events.map(e => e.version),
      events.map(e => e.provider),
      events.map(e => e.operation),
      events.map(e => e.latencyMs),
      events.map(e => e.inputTokens),
      events.map(e => e.outputTokens),
      events.map(e => e.costUsd),
      withNulls(events.map(e => e.errorType)),
      withNulls(events.map(e => e.score)),
      withNulls(events.map(e => (e.labels ? JSON.stringify(e.labels) : null))),
      withNulls(events.map(e => e.traceId)),
    ];
    const result = await trx.raw<{
      rows: Array<{ producer: string; id: string }>;
    }>(INSERT_EVENTS_PG, columns);
    return new Set(result.rows.map(row => eventKey(row.producer, row.id)));
  }

  /**
   * PostgreSQL: adds sorted deltas to the rollup rows of one table in one
   * "insert ... on conflict do update" whose SET adds the counters and merges
   * the sketches in SQL. The update locks each row and sees its latest
   * committed version, so concurrent writers lose no update; rows are
   * written in the deltas' (sorted) order, so writers never deadlock.
   */
  private async addToRollupsPg(
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
  private async addToRollups(
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
      if (this.isPostgres) {
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

  async readRollups(options: {
    resolution: RollupResolution;
    from: number;
    to: number;
    models?: string[];
    versions?: string[];
    stepMs?: number;
    mergeVersions?: boolean;
  }): Promise<RollupRecord[]> {
    const { resolution, from, to, models, versions, stepMs } = options;
    if (models?.length === 0 || versions?.length === 0) {
      return [];
    }
    const table = ROLLUP_TABLES[resolution];
    let query = this.db<RollupRow>(table)
      .where('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to);
    if (models) {
      query = query.whereIn('model', models);
    }
    if (versions) {
      query = query.whereIn('model_version', versions);
    }
    if (stepMs === undefined) {
      const rows = await query.orderBy(ROLLUP_KEY);
      return rows.map(fromRollupRow);
    }

    // one row per step (and model, and version unless merged): the counters
    // add up in SQL, the sketches come back as one JSON array to merge in code
    const raw = this.db.raw.bind(this.db);
    // integer division on both databases (bigint is an integer type name in SQLite)
    const stepStart = raw('? + cast((bucket_start - ?) / ? as bigint) * ?', [
      from,
      from,
      stepMs,
      stepMs,
    ]);
    // by position: PostgreSQL would not match the parameters of a repeated expression
    const keyPositions = options.mergeVersions ? '1, 2' : '1, 2, 3';
    const sum = (column: string) => raw('sum(??)', [column]);
    const sketches = this.isPostgres
      ? raw(`'[' || string_agg(latency_sketch, ',') || ']'`)
      : raw(`'[' || group_concat(latency_sketch, ',') || ']'`);
    const rows: Array<RollupRow & { latency_sketches: string }> = await query
      .select({
        bucket_start: stepStart,
        model: 'model',
        model_version: options.mergeVersions ? raw(`''`) : 'model_version',
        request_count: sum('request_count'),
        error_count: sum('error_count'),
        input_tokens: sum('input_tokens'),
        output_tokens: sum('output_tokens'),
        cost_usd: sum('cost_usd'),
        score_sum: sum('score_sum'),
        score_count: sum('score_count'),
        latency_sum_ms: sum('latency_sum_ms'),
        latency_sketches: sketches,
      })
      .groupByRaw(keyPositions)
      .orderByRaw(keyPositions);
    return rows.map(row => ({
      ...fromRollupRow({ ...row, latency_sketch: '' }),
      latency: LatencySketch.parseList(row.latency_sketches),
    }));
  }

  async listModelNames(): Promise<string[]> {
    const rows: Array<{ model: string }> = await this.db(ROLLUP_TABLES.hour)
      .distinct('model')
      .orderBy('model');
    return rows.map(row => row.model);
  }

  async listModelVersions(): Promise<KnownModelVersion[]> {
    const rows = (await this.db(ROLLUP_TABLES.hour)
      .select('model', 'model_version')
      .min({ first_seen: 'bucket_start' })
      .max({ last_seen: 'bucket_start' })
      .groupBy('model', 'model_version')
      .orderBy(['model', 'model_version'])) as Array<{
      model: string;
      model_version: string;
      first_seen: number | string;
      last_seen: number | string;
    }>;
    return rows.map(row => ({
      model: row.model,
      version: row.model_version,
      firstSeen: Number(row.first_seen),
      lastSeen: Number(row.last_seen),
    }));
  }

  async deleteExpired(options: {
    rawEventsBefore: number;
    minuteRollupsBefore: number;
    hourRollupsBefore: number;
  }): Promise<RetentionResult> {
    const rawEvents = await this.db(EVENTS)
      .where('occurred_at', '<', options.rawEventsBefore)
      .delete();
    const minuteRollups = await this.db(ROLLUP_TABLES.minute)
      .where('bucket_start', '<', options.minuteRollupsBefore)
      .delete();
    const hourRollups = await this.db(ROLLUP_TABLES.hour)
      .where('bucket_start', '<', options.hourRollupsBefore)
      .delete();
    return { rawEvents, minuteRollups, hourRollups };
  }

  async stats(): Promise<{
    rawEvents: number;
    minuteRollups: number;
    hourRollups: number;
    oldestRawEvent: number | null;
  }> {
    const count = async (table: string) => {
      const [row] = await this.db(table).count({ n: '*' });
      return Number(row.n);
    };
    const [oldest] = await this.db(EVENTS).min({ at: 'occurred_at' });
    return {
      rawEvents: await count(EVENTS),
      minuteRollups: await count(ROLLUP_TABLES.minute),
      hourRollups: await count(ROLLUP_TABLES.hour),
      oldestRawEvent:
        oldest?.at === null || oldest?.at === undefined
          ? null
          : Number(oldest.at),
    };
  }
}
