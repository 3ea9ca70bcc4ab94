import { Knex } from 'knex';
import {
  AiMetricsStore,
  KnownModelVersion,
  RollupRecord,
} from './AiMetricsStore';
import { LatencySketch } from './LatencySketch';
import {
  fromRollupRow,
  isPostgres,
  ROLLUP_KEY,
  ROLLUP_TABLES,
  RollupRow,
} from './tables';

/** Reads of the rollup tables: buckets by range and step, and the models they know. */
export class RollupReader {
  private readonly db: Knex;

  constructor(options: { db: Knex }) {
    this.db = options.db;
  }

  async readRollups(
    options: Parameters<AiMetricsStore['readRollups']>[0],
  ): Promise<RollupRecord[]> {
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
    const sketches = isPostgres(this.db)
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
}
