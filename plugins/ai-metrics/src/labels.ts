import { AiMetricsSeriesKey } from '@ai-ops-console/backstage-plugin-ai-metrics-common';

/**
 * How a model or a version of it is named on screen: `gpt-4o`, or
 * `local-sentiment, version v2`. With `versionOnly`, a view that compares
 * versions of one model names each by its version alone.
 */
export function keyLabel(
  key: AiMetricsSeriesKey,
  options: { groupedByVersion?: boolean; versionOnly?: boolean } = {},
): string {
  if (key.version !== undefined) {
    return options.versionOnly
      ? key.version
      : `${key.model}, version ${key.version}`;
  }
  if (options.groupedByVersion) {
    return options.versionOnly ? 'No version' : `${key.model}, no version`;
  }
  return key.model;
}

/** `a`, `a and b`, `a, b and c`. */
export function listLabel(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
