import { formatDateTime } from '@ai-ops-console/console-react';
/**
 * The dashboard's state as URL parameters, so that a view can be shared,
 * bookmarked and linked to (the workflows pages link here with
 * `?model=<name>&version=<version>`):
 *
 * - `range`: `1h`, `6h`, `24h` (the default), `7d` or `30d`, ending now;
 * - `from` and `to`: a custom range (ISO 8601 instants), which wins over `range`;
 * - `step`: the length of a chart point (`5m`, `1h`, ...); chosen to fit when absent;
 * - `model`: repeated for several models; none means every model;
 * - `version`: repeated for several versions, only with exactly one model.
 *
 * Values the backend would refuse are dropped when read.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_PRESETS = [
  { id: '1h', label: 'Last hour', ms: HOUR },
  { id: '6h', label: 'Last 6 hours', ms: 6 * HOUR },
  { id: '24h', label: 'Last 24 hours', ms: DAY },
  { id: '7d', label: 'Last 7 days', ms: 7 * DAY },
  { id: '30d', label: 'Last 30 days', ms: 30 * DAY },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];

export const DEFAULT_PRESET: RangePresetId = '24h';

/** A range ending now, or a fixed one. */
export type RangeChoice =
  | { preset: RangePresetId }
  | { from: string; to: string };

export type MetricsParams = {
  range: RangeChoice;
  /** Only when it fits the range; the step is chosen to fit otherwise. */
  step?: string;
  models: string[];
  /** Only with exactly one model. */
  versions: string[];
};

/** The resolved range that every widget of a view asks for. */
export type MetricsWindow = {
  from: string;
  to: string;
  /** Length of the range in milliseconds. */
  spanMs: number;
  /** The step sent to the backend. */
  step: string;
  /** Whether the step was chosen to fit (no `step` parameter). */
  autoStep: boolean;
  /** `Last 24 hours`, or the two ends of a custom range. */
  label: string;
};

/** Steps offered, as the backend's own choice: at most 200 points a chart. */
export const STEPS = [
  '1m',
  '5m',
  '15m',
  '30m',
  '1h',
  '3h',
  '6h',
  '12h',
  '1d',
] as const;
const AUTO_MAX_POINTS = 200;
/** Most points one series may have (the backend's default `maxPoints`). */
const MAX_POINTS = 1500;
/** Minute rollups one series may read (14 days). */
const MAX_MINUTE_BUCKETS = 20_160;
/** Longest range the backend summarizes (compare, top). */
export const MAX_RANGE_MS = 400 * DAY;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: MINUTE,
  h: HOUR,
  d: DAY,
};
const UNIT_WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
};

/** The length of a step such as `15m`, or undefined when the backend would refuse it. */
export function stepToMs(step: string): number | undefined {
  const match = /^([1-9][0-9]{0,5})([smhd])$/.exec(step);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return ms % MINUTE === 0 ? ms : undefined;
}

/** `15 minutes`, `1 hour`. */
export function describeStep(step: string): string {
  const match = /^([0-9]+)([smhd])$/.exec(step);
  if (!match) return step;
  const count = Number(match[1]);
  return `${count} ${UNIT_WORDS[match[2]][count === 1 ? 0 : 1]}`;
}

/** `15 minutes`, `1 hour`, `1 day` for a length in seconds. */
export function describeSeconds(seconds: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNIT_MS[unit] / 1000;
    if (seconds >= size && seconds % size === 0) {
      return describeStep(`${seconds / size}${unit}`);
    }
  }
  return describeStep(`${seconds}s`);
}

/** Whether the backend can answer a series of this range in this step. */
export function stepFits(stepMs: number, spanMs: number): boolean {
  const points = Math.ceil(spanMs / stepMs) + 1; // the start may round down
  const bucket = stepMs % HOUR === 0 ? HOUR : MINUTE;
  return (
    points <= MAX_POINTS &&
    (bucket === HOUR || (points * stepMs) / MINUTE <= MAX_MINUTE_BUCKETS)
  );
}

/** The smallest offered step that gives at most 200 points, as the backend would pick. */
export function autoStep(spanMs: number): string {
  return (
    STEPS.find(s => Math.ceil(spanMs / stepToMs(s)!) <= AUTO_MAX_POINTS) ??
    STEPS[STEPS.length - 1]
  );
}

/** The offered steps that fit a range, smallest first. */
export function stepChoices(spanMs: number): string[] {
  return STEPS.filter(s => {
    const ms = stepToMs(s)!;
    return ms < spanMs && stepFits(ms, spanMs);
  });
}

const isInstant = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
    value,
  ) && !Number.isNaN(Date.parse(value));

const presetOf = (id: string | null) => RANGE_PRESETS.find(p => p.id === id);

/** The length of a range choice, which does not depend on when it is read. */
export function spanOf(range: RangeChoice): number {
  if ('preset' in range) return presetOf(range.preset)!.ms;
  return Date.parse(range.to) - Date.parse(range.from);
}

function unique(values: string[]): string[] {
  return [...new Set(values.map(v => v.trim()).filter(Boolean))];
}

/** Reads the parameters, dropping what the backend would refuse. */
export function readParams(search: URLSearchParams): MetricsParams {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  let range: RangeChoice = {
    preset: presetOf(search.get('range'))?.id ?? DEFAULT_PRESET,
  };
  if (
    isInstant(from) &&
    isInstant(to) &&
    Date.parse(to) > Date.parse(from) &&
    Date.parse(to) - Date.parse(from) <= MAX_RANGE_MS
  ) {
    range = { from, to };
  }
  const params: MetricsParams = {
    range,
    models: unique(search.getAll('model')).slice(0, 50),
    versions: [],
  };
  if (params.models.length === 1) {
    params.versions = unique(search.getAll('version')).slice(0, 50);
  }
  const step = search.get('step');
  const stepMs = step ? stepToMs(step) : undefined;
  if (
    step &&
    stepMs &&
    stepMs < spanOf(range) &&
    stepFits(stepMs, spanOf(range))
  ) {
    params.step = step;
  }
  return params;
}

const PARAM_NAMES = ['range', 'from', 'to', 'step', 'model', 'version'];

/** Writes the parameters, leaving other ones (such as the comparison mode) alone. */
export function writeParams(
  previous: URLSearchParams,
  params: MetricsParams,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  PARAM_NAMES.forEach(name => next.delete(name));
  if ('preset' in params.range) {
    if (params.range.preset !== DEFAULT_PRESET) {
      next.set('range', params.range.preset);
    }
  } else {
    next.set('from', params.range.from);
    next.set('to', params.range.to);
  }
  if (params.step) next.set('step', params.step);
  params.models.forEach(model => next.append('model', model));
  if (params.models.length === 1) {
    params.versions.forEach(version => next.append('version', version));
  }
  return next;
}

/** A preset's label, or the two ends of a custom range in the reader's locale. */
export function describeRange(range: RangeChoice): string {
  if ('preset' in range) return presetOf(range.preset)!.label;
  return `${formatDateTime(range.from)} to ${formatDateTime(range.to)}`;
}

/**
 * The range to ask for. A preset ends at `now` rounded up to the minute, so
 * the widgets of a view, which resolve it once, ask for the same minutes.
 */
export function resolveWindow(
  params: MetricsParams,
  now: number,
): MetricsWindow {
  const { range } = params;
  const spanMs = spanOf(range);
  let from: string;
  let to: string;
  if ('preset' in range) {
    const end = Math.ceil(now / MINUTE) * MINUTE;
    from = new Date(end - spanMs).toISOString();
    to = new Date(end).toISOString();
  } else {
    from = range.from;
    to = range.to;
  }
  return {
    from,
    to,
    spanMs,
    step: params.step ?? autoStep(spanMs),
    autoStep: !params.step,
    label: describeRange(range),
  };
}
