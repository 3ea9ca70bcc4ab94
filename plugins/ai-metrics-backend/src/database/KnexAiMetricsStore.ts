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
import { LatencySketch } from './LatencySketch';
import { addRollup, emptyRollup, rollUp, rollupKey } from './rollups';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-ai-metrics-backend',
  'migrations',
);

const EVENTS = 'ai_metric_events';
const ROLLUP_TABLES: Record<RollupResolution, string> = {
  minute: 'ai_metric_rollups_minute',
  hour: 'ai_metric_rollups_hour',
};
// SQLite compiles a multi-row insert to a compound SELECT, limited to 500 terms
const CHUNK = 200;

type EventRow = {
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
 * Concurrency: every writer sorts what it touches (event ids, rollup keys),
 * creates missing rollup rows with "insert ... on conflict do nothing", then
 * on PostgreSQL locks the rows it updates with SELECT ... FOR UPDATE before
 * merging sketches in code, so two replicas adding to the same bucket never
 * lose an update. SQLite has one writer at a time.
 */
export class KnexAiMetricsStore implements AiMetricsStore {
  private readonly db: Knex;
  private readonly isPostgres: boolean;

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
  }

  async insertEvents(options: {
    events: MetricEventRecord[];
    receivedAt: number;
  }): Promise<{ inserted: MetricEventRecord[] }> {
    const { receivedAt } = options;
    // one row per id, in id order so concurrent writers wait on each other in the same order
    const byId = new Map<string, MetricEventRecord>();
    for (const event of options.events) {
      if (!byId.has(event.id)) {
        byId.set(event.id, event);
      }
    }
    // ids are unique here, so no two compare equal
    const events = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (events.length === 0) {
      return { inserted: [] };
    }

    return this.db.transaction(async trx => {
      const newIds = new Set<string>();
      for (const chunk of chunks(events)) {
        const rows: EventRow[] = chunk.map(e => ({
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
        }));
        const returned: Array<{ id: string }> = await trx(EVENTS)
          .insert(rows)
          .onConflict('id')
          .ignore()
          .returning('id');
        for (const { id } of returned) {
          newIds.add(id);
        }
      }
      const inserted = events.filter(e => newIds.has(e.id));
      if (inserted.length > 0) {
        await this.addToRollups(trx, 'minute', rollUp(inserted, 'minute'));
        await this.addToRollups(trx, 'hour', rollUp(inserted, 'hour'));
      }
      return { inserted };
    });
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
  }): Promise<RollupRecord[]> {
    const { resolution, from, to, models, versions } = options;
    let query = this.db<RollupRow>(ROLLUP_TABLES[resolution])
      .where('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to);
    if (models) {
      if (models.length === 0) {
        return [];
      }
      query = query.whereIn('model', models);
    }
    if (versions) {
      if (versions.length === 0) {
        return [];
      }
      query = query.whereIn('model_version', versions);
    }
    const rows = await query.orderBy(ROLLUP_KEY);
    return rows.map(fromRollupRow);
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
