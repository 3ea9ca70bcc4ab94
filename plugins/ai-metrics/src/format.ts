/**
 * Numbers as the dashboard shows them, always with their unit. Cards, chart
 * tooltips and the tables beside the charts all use these, so a reader of
 * the table sees exactly what the chart plots. Numbers use one fixed locale
 * so that units and separators stay consistent across the console.
 */

const LOCALE = 'en-US';

/** What a missing figure reads as (a latency without calls, an unscored model). */
export const NO_DATA = 'No data';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  maximumFractionDigits: 2,
});
const dollars = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const cents = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumSignificantDigits: 2,
});
// axis ticks keep three significant digits: a tick of 0.0004 must not read
// as 0, nor one of 0.25 as 0.3
const compact = new Intl.NumberFormat(LOCALE, {
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const compactDollars = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const axisPercent = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  maximumSignificantDigits: 3,
});

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || !Number.isFinite(value);

/** `1,234` */
export function formatCount(value: number | null | undefined): string {
  return missing(value) ? NO_DATA : integer.format(value);
}

/** `1,234 requests`, `1 request` */
export function formatRequests(value: number | null | undefined): string {
  if (missing(value)) return NO_DATA;
  return `${integer.format(value)} ${value === 1 ? 'request' : 'requests'}`;
}

/** `12,345 tokens`, `1 token` */
export function formatTokens(value: number | null | undefined): string {
  if (missing(value)) return NO_DATA;
  return `${integer.format(value)} ${value === 1 ? 'token' : 'tokens'}`;
}

/** `4.2 ms` below 10 ms, `123 ms` and `12,345 ms` above. */
export function formatMs(value: number | null | undefined): string {
  if (missing(value)) return NO_DATA;
  return `${(value < 10 ? oneDecimal : integer).format(value)} ms`;
}

/** A ratio as a percentage: 0.025 is `2.5%`. */
export function formatPercent(value: number | null | undefined): string {
  return missing(value) ? NO_DATA : percent.format(value);
}

/** `$1.23`; amounts under a cent keep two significant digits (`$0.0042`). */
export function formatUsd(value: number | null | undefined): string {
  if (missing(value)) return NO_DATA;
  return value !== 0 && Math.abs(value) < 0.01
    ? cents.format(value)
    : dollars.format(value);
}

/** Short axis labels: `1.23K`, `3M`, `0.25`, `0.0004`. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** Short cost axis labels: `$1.23K`, `$12.5`, `$0.0004` (never `$0` for a small tick). */
export function formatUsdAxis(value: number): string {
  return compactDollars.format(value);
}

/** Short ratio axis labels as percentages: 0.0004 is `0.04%`, 0.125 is `12.5%`. */
export function formatPercentAxis(value: number): string {
  return axisPercent.format(value);
}

/** How the error rate of a model stands: the words carry it, not the colour. */
export type ErrorRateLevel = 'none' | 'ok' | 'low' | 'elevated' | 'high';

/** Below 1% is low, below 5% elevated, 5% and more high. */
export function errorRateLevel(
  rate: number | null | undefined,
): ErrorRateLevel {
  if (missing(rate)) return 'none';
  if (rate === 0) return 'ok';
  if (rate < 0.01) return 'low';
  if (rate < 0.05) return 'elevated';
  return 'high';
}

export const ERROR_RATE_LABELS: Record<ErrorRateLevel, string> = {
  none: 'No calls',
  ok: 'No errors',
  low: 'Low',
  elevated: 'Elevated',
  high: 'High',
};

// Tick formatters are built once: toLocaleString with options builds a new
// Intl.DateTimeFormat on every call, which showed up in the dashboard's first
// render (thousands of ticks and table cells).
const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
});
const dayOfMonth = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
});
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export { formatDateTime } from '@ai-ops-console/console-react';

/** An axis tick: the time of day over a day or less, the date (and time) beyond. */
export function formatTick(ms: number, spanMs: number, stepMs: number): string {
  const DAY = 86_400_000;
  if (spanMs <= 1.5 * DAY) return timeOfDay.format(ms);
  return (stepMs >= DAY ? dayOfMonth : dayAndTime).format(ms);
}
