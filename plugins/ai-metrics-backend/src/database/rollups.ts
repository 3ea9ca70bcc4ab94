import {
  MetricEventRecord,
  ROLLUP_BUCKET_MS,
  RollupRecord,
  RollupResolution,
} from './AiMetricsStore';
import { LatencySketch } from './LatencySketch';

/** A string key of a rollup bucket. */
export function rollupKey(r: {
  bucketStart: number;
  model: string;
  version: string;
}) {
  return `${r.bucketStart}\u0000${r.model}\u0000${r.version}`;
}

/** Orders rollups by bucket, model, version. */
export function compareRollupKeys(a: RollupRecord, b: RollupRecord): number {
  if (a.bucketStart !== b.bucketStart) {
    return a.bucketStart - b.bucketStart;
  }
  if (a.model !== b.model) {
    return a.model < b.model ? -1 : 1;
  }
  if (a.version !== b.version) {
    return a.version < b.version ? -1 : 1;
  }
  return 0;
}

/** A rollup with no events. */
export function emptyRollup(key: {
  bucketStart: number;
  model: string;
  version: string;
}): RollupRecord {
  return {
    ...key,
    requests: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    scoreSum: 0,
    scoreCount: 0,
    latencySumMs: 0,
    latency: new LatencySketch(),
  };
}

/** Adds the second rollup's figures to the first. */
export function addRollup(
  target: RollupRecord,
  delta: RollupRecord,
): RollupRecord {
  target.requests += delta.requests;
  target.errors += delta.errors;
  target.inputTokens += delta.inputTokens;
  target.outputTokens += delta.outputTokens;
  target.costUsd += delta.costUsd;
  target.scoreSum += delta.scoreSum;
  target.scoreCount += delta.scoreCount;
  target.latencySumMs += delta.latencySumMs;
  target.latency.merge(delta.latency);
  return target;
}

/** The rollup deltas of some events at one resolution, sorted by key. */
export function rollUp(
  events: MetricEventRecord[],
  resolution: RollupResolution,
): RollupRecord[] {
  const size = ROLLUP_BUCKET_MS[resolution];
  const buckets = new Map<string, RollupRecord>();
  for (const e of events) {
    const key = {
      bucketStart: Math.floor(e.occurredAt / size) * size,
      model: e.model,
      version: e.version,
    };
    const id = rollupKey(key);
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = emptyRollup(key);
      buckets.set(id, bucket);
    }
    bucket.requests += 1;
    bucket.errors += e.errorType === null ? 0 : 1;
    bucket.inputTokens += e.inputTokens;
    bucket.outputTokens += e.outputTokens;
    bucket.costUsd += e.costUsd;
    if (e.score !== null) {
      bucket.scoreSum += e.score;
      bucket.scoreCount += 1;
    }
    bucket.latencySumMs += e.latencyMs;
    bucket.latency.add(e.latencyMs);
  }
  return [...buckets.values()].sort(compareRollupKeys);
}
