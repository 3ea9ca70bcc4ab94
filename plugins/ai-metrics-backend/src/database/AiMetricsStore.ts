import { AiMetricsTableCounts } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { LatencySketch } from './LatencySketch';

/**
 * A validated event as the store keeps it: times in epoch milliseconds, no
 * optional numbers, the empty string for "no version".
 */
export type MetricEventRecord = {
  id: string;
  occurredAt: number;
  model: string;
  version: string;
  provider: string;
  operation: string;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** null when the call succeeded */
  errorType: string | null;
  score: number | null;
  labels: Record<string, string> | null;
  traceId: string | null;
};

/** Which rollup table to read. */
export type RollupResolution = 'minute' | 'hour';

/** Length of a rollup bucket in milliseconds. */
export const ROLLUP_BUCKET_MS: Record<RollupResolution, number> = {
  minute: 60_000,
  hour: 3_600_000,
};

/** One rollup bucket of one model version. */
export type RollupRecord = {
  bucketStart: number;
  model: string;
  /** '' for events without a version */
  version: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  scoreSum: number;
  scoreCount: number;
  latencySumMs: number;
  latency: LatencySketch;
};

/** A model version the rollups know, with the first and last hour it was seen. */
export type KnownModelVersion = {
  model: string;
  version: string;
  firstSeen: number;
  lastSeen: number;
};

/** Rows removed by one retention pass (what `POST /admin/retention/run` answers as `deleted`). */
export type RetentionResult = AiMetricsTableCounts;

/** Storage of raw metric events and their rollups. */
export interface AiMetricsStore {
  /**
   * Stores the events whose id is not stored yet for their producer and adds
   * exactly those to the minute and hour rollups, all in one transaction.
   * Answers the events that were new; the others are duplicates (a retried
   * batch, or an id repeated inside the batch). Ids are the producer's own:
   * another producer's event with the same id is a different event.
   */
  insertEvents(options: {
    /** Who sent the batch: its principal (service subject or user ref). */
    producer: string;
    events: MetricEventRecord[];
    receivedAt: number;
  }): Promise<{ inserted: MetricEventRecord[] }>;

  /**
   * Rollup buckets with bucketStart in [from, to), optionally only of the
   * given models and versions, ordered by bucket, model and version.
   *
   * With `stepMs`, the buckets of each step [from + k * stepMs, from + (k + 1) * stepMs)
   * come merged into one record whose bucketStart is the step's start; with
   * `mergeVersions` too, the versions of a model are merged (version '').
   */
  readRollups(options: {
    resolution: RollupResolution;
    from: number;
    to: number;
    models?: string[];
    versions?: string[];
    stepMs?: number;
    mergeVersions?: boolean;
  }): Promise<RollupRecord[]>;

  /** Every model name of the hour rollups, sorted. */
  listModelNames(): Promise<string[]>;

  /** Every model version of the hour rollups. */
  listModelVersions(): Promise<KnownModelVersion[]>;

  /** Deletes raw events and rollup buckets older than the given times. */
  deleteExpired(options: {
    rawEventsBefore: number;
    minuteRollupsBefore: number;
    hourRollupsBefore: number;
  }): Promise<RetentionResult>;

  /** Row counts and the oldest raw event, for the admin status. */
  stats(): Promise<{
    rawEvents: number;
    minuteRollups: number;
    hourRollups: number;
    oldestRawEvent: number | null;
  }>;
}
