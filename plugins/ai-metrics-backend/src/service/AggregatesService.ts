import { InputError } from '@backstage/errors';
import {
  AiMetricsCompareResponse,
  AiMetricsModelsResponse,
  AiMetricsSeriesKey,
  AiMetricsSeriesResponse,
  AiMetricsSummary,
  AiMetricsTopBy,
  AiMetricsTopResponse,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  AiMetricsStore,
  ROLLUP_BUCKET_MS,
  RollupRecord,
  RollupResolution,
} from '../database/AiMetricsStore';
import { addRollup, emptyRollup } from '../database/rollups';

const MINUTE = ROLLUP_BUCKET_MS.minute;
const HOUR = ROLLUP_BUCKET_MS.hour;
/** Steps tried, smallest first, when a series query names none. */
const AUTO_STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440].map(m => m * MINUTE);
const AUTO_MAX_POINTS = 200;
/** Rollup buckets one series may read (14 days of minutes). */
export const MAX_BUCKETS_PER_SERIES = 20_160;
/** Longest range of a summary (compare, top). */
export const MAX_SUMMARY_RANGE_MS = 400 * 86_400_000;

type GroupBy = 'model' | 'version';

const iso = (ms: number) => new Date(ms).toISOString();

function groupKey(
  row: { model: string; version: string },
  groupBy: GroupBy,
): string {
  return groupBy === 'version' ? `${row.model}\u0000${row.version}` : row.model;
}

function seriesKeyOf(key: string, groupBy: GroupBy): AiMetricsSeriesKey {
  if (groupBy === 'model') {
    return { model: key };
  }
  const [model, version] = key.split('\u0000');
  return version ? { model, version } : { model };
}

/** The figures of merged rollups over `durationMs`. */
export function summarize(
  rollup: RollupRecord,
  durationMs: number,
): AiMetricsSummary {
  const { requests } = rollup;
  const q = (p: number) => rollup.latency.quantile(p) ?? null;
  return {
    requests,
    errors: rollup.errors,
    errorRate: requests > 0 ? rollup.errors / requests : null,
    requestRate: requests / (durationMs / 1000),
    latencyMs: {
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      mean: requests > 0 ? rollup.latencySumMs / requests : null,
    },
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
    costUsd: rollup.costUsd,
    accuracy:
      rollup.scoreCount > 0 ? rollup.scoreSum / rollup.scoreCount : null,
    scoredEvents: rollup.scoreCount,
  };
}

function topValue(summary: AiMetricsSummary, by: AiMetricsTopBy) {
  switch (by) {
    case 'cost':
      return summary.costUsd;
    case 'latencyP95':
      return summary.latencyMs.p95;
    case 'errors':
      return summary.errors;
    default:
      return summary.requests;
  }
}

/**
 * Answers the aggregate queries from the rollups: percentiles always come
 * from merged latency sketches, never from raw events. `models` is the list
 * the caller may read (undefined: every model).
 */
export class AggregatesService {
  private readonly store: AiMetricsStore;
  private readonly maxPoints: number;

  constructor(options: { store: AiMetricsStore; maxPoints: number }) {
    this.store = options.store;
    this.maxPoints = options.maxPoints;
  }

  /** Time series per model (or version) over [from, to) in steps. */
  async series(options: {
    from: number;
    to: number;
    stepMs?: number;
    models?: string[];
    versions?: string[];
    groupBy: GroupBy;
  }): Promise<AiMetricsSeriesResponse> {
    const { to, models, versions, groupBy } = options;
    const stepMs =
      options.stepMs ??
      AUTO_STEPS.find(
        s => Math.ceil((to - options.from) / s) <= AUTO_MAX_POINTS,
      ) ??
      AUTO_STEPS[AUTO_STEPS.length - 1];
    // hour rollups when every step is made of whole hours, minute rollups otherwise
    const resolution: RollupResolution =
      stepMs % HOUR === 0 ? 'hour' : 'minute';
    const bucket = ROLLUP_BUCKET_MS[resolution];
    const from = Math.floor(options.from / bucket) * bucket;
    const points = Math.ceil((to - from) / stepMs);
    if (points > this.maxPoints) {
      throw new InputError(
        `invalid query: ${points} points of ${
          stepMs / 1000
        }s between from and to; at most ${this.maxPoints}, use a larger step`,
      );
    }
    const end = from + points * stepMs;
    if ((end - from) / bucket > MAX_BUCKETS_PER_SERIES) {
      throw new InputError(
        `invalid query: the range needs more than ${MAX_BUCKETS_PER_SERIES} ${resolution} rollups per series; use a step of whole hours`,
      );
    }

    // merged per step in the database: one row per point instead of one per bucket
    const rows = await this.store.readRollups({
      resolution,
      from,
      to: end,
      models,
      versions,
      stepMs,
      mergeVersions: groupBy === 'model',
    });
    const series = new Map<string, RollupRecord[]>();
    const pointsOf = (key: string) => {
      let list = series.get(key);
      if (!list) {
        list = Array.from({ length: points }, (_, i) =>
          emptyRollup({
            bucketStart: from + i * stepMs,
            model: '',
            version: '',
          }),
        );
        series.set(key, list);
      }
      return list;
    };
    // a model asked for by name has a series even without data
    if (groupBy === 'model') {
      models?.forEach(pointsOf);
    }
    for (const row of rows) {
      const index = Math.floor((row.bucketStart - from) / stepMs);
      addRollup(pointsOf(groupKey(row, groupBy))[index], row);
    }

    return {
      from: iso(from),
      to: iso(end),
      stepSeconds: stepMs / 1000,
      resolution,
      series: [...series.keys()].sort().map(key => ({
        ...seriesKeyOf(key, groupBy),
        points: series.get(key)!.map(point => ({
          time: iso(point.bucketStart),
          ...summarize(point, stepMs),
        })),
      })),
    };
  }

  /** One summary per model, or per version of one model, in the order asked. */
  async compare(options: {
    from: number;
    to: number;
    models: string[];
    versions?: string[];
  }): Promise<AiMetricsCompareResponse> {
    const { models, versions } = options;
    const { from, to, rows } = await this.summaryRows({
      from: options.from,
      to: options.to,
      models,
      versions,
    });
    const groupBy: GroupBy = versions ? 'version' : 'model';
    const merged = this.mergeBy(rows, groupBy);
    const keys = versions
      ? versions.map(version => `${models[0]}\u0000${version}`)
      : models;
    return {
      from: iso(from),
      to: iso(to),
      items: keys.map(key => ({
        ...seriesKeyOf(key, groupBy),
        summary: summarize(
          merged.get(key) ??
            emptyRollup({ bucketStart: from, model: '', version: '' }),
          to - from,
        ),
      })),
    };
  }

  /** The models (or versions) with the highest cost, p95 latency, errors or requests. */
  async top(options: {
    from: number;
    to: number;
    by: AiMetricsTopBy;
    limit: number;
    groupBy: GroupBy;
    models?: string[];
  }): Promise<AiMetricsTopResponse> {
    const { by, limit, groupBy, models } = options;
    const { from, to, rows } = await this.summaryRows({
      from: options.from,
      to: options.to,
      models,
    });
    const items = [...this.mergeBy(rows, groupBy)]
      .map(([key, rollup]) => {
        const summary = summarize(rollup, to - from);
        return {
          ...seriesKeyOf(key, groupBy),
          value: topValue(summary, by),
          summary,
        };
      })
      .filter(
        (item): item is typeof item & { value: number } => item.value !== null,
      )
      .sort(
        (a, b) =>
          b.value - a.value ||
          a.model.localeCompare(b.model) ||
          (a.version ?? '').localeCompare(b.version ?? ''),
      )
      .slice(0, limit);
    return { from: iso(from), to: iso(to), by, items };
  }

  /** The models with metrics and their versions. */
  async listModels(options: {
    models?: string[];
  }): Promise<AiMetricsModelsResponse> {
    const allowed = options.models ? new Set(options.models) : undefined;
    const byModel = new Map<
      string,
      { versions: Set<string>; firstSeen: number; lastSeen: number }
    >();
    for (const row of await this.store.listModelVersions()) {
      if (allowed && !allowed.has(row.model)) {
        continue;
      }
      const entry = byModel.get(row.model) ?? {
        versions: new Set<string>(),
        firstSeen: row.firstSeen,
        lastSeen: row.lastSeen,
      };
      if (row.version) {
        entry.versions.add(row.version);
      }
      entry.firstSeen = Math.min(entry.firstSeen, row.firstSeen);
      entry.lastSeen = Math.max(entry.lastSeen, row.lastSeen);
      byModel.set(row.model, entry);
    }
    return {
      items: [...byModel.keys()].sort().map(model => {
        const entry = byModel.get(model)!;
        return {
          model,
          versions: [...entry.versions].sort(),
          firstSeen: iso(entry.firstSeen),
          lastSeen: iso(entry.lastSeen),
        };
      }),
    };
  }

  private mergeBy(
    rows: RollupRecord[],
    groupBy: GroupBy,
  ): Map<string, RollupRecord> {
    const merged = new Map<string, RollupRecord>();
    for (const row of rows) {
      const key = groupKey(row, groupBy);
      let target = merged.get(key);
      if (!target) {
        target = emptyRollup({ bucketStart: 0, model: '', version: '' });
        merged.set(key, target);
      }
      addRollup(target, row);
    }
    return merged;
  }

  /**
   * The rollups covering [from, to) rounded out to whole minutes: hour
   * rollups for the whole hours inside, minute rollups for the edges.
   */
  private async summaryRows(options: {
    from: number;
    to: number;
    models?: string[];
    versions?: string[];
  }): Promise<{ from: number; to: number; rows: RollupRecord[] }> {
    const { models, versions } = options;
    const from = Math.floor(options.from / MINUTE) * MINUTE;
    const to = Math.ceil(options.to / MINUTE) * MINUTE;
    if (to - from > MAX_SUMMARY_RANGE_MS) {
      throw new InputError(
        `invalid query: from and to are more than ${
          MAX_SUMMARY_RANGE_MS / 86_400_000
        } days apart`,
      );
    }
    const hoursFrom = Math.ceil(from / HOUR) * HOUR;
    const hoursTo = Math.floor(to / HOUR) * HOUR;
    const read = (resolution: RollupResolution, a: number, b: number) =>
      a < b
        ? this.store.readRollups({
            resolution,
            from: a,
            to: b,
            models,
            versions,
          })
        : Promise.resolve([]);
    const rows =
      hoursFrom < hoursTo
        ? [
            ...(await read('minute', from, hoursFrom)),
            ...(await read('hour', hoursFrom, hoursTo)),
            ...(await read('minute', hoursTo, to)),
          ]
        : await read('minute', from, to);
    return { from, to, rows };
  }
}
