import { Knex } from 'knex';
import { RollupRecord, RollupResolution } from './AiMetricsStore';
import { LatencySketch } from './LatencySketch';

export const EVENTS = 'ai_metric_events';
export const ROLLUP_TABLES: Record<RollupResolution, string> = {
  minute: 'ai_metric_rollups_minute',
  hour: 'ai_metric_rollups_hour',
};
// SQLite compiles a multi-row insert to a compound SELECT, limited to 500 terms
export const CHUNK = 200;
export type RollupRow = {
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

export const ROLLUP_KEY = ['bucket_start', 'model', 'model_version'];

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

export function toRollupRow(r: RollupRecord): RollupRow {
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

export function fromRollupRow(row: RollupRow): RollupRecord {
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

/** Whether the database is PostgreSQL (else SQLite). */
export function isPostgres(db: Knex): boolean {
  return String(db.client.config.client).includes('pg');
}
