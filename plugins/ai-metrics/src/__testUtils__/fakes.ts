import {
  fakeApiOf,
  renderInTestApp,
} from '@ai-ops-console/console-react/testUtils';
import {
  AiMetricsModel,
  AiMetricsPoint,
  AiMetricsSeriesResponse,
  AiMetricsSummary,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { ReactElement } from 'react';
import { AiMetricsApi, aiMetricsApiRef } from '../api';
import { rootRouteRef, workflowsRouteRef } from '../routes';

export { responseError } from '@ai-ops-console/console-react/testUtils';

export const XSS = '<img src=x onerror=alert(1)>';

export function summary(
  overrides: Partial<AiMetricsSummary> = {},
): AiMetricsSummary {
  return {
    requests: 0,
    errors: 0,
    errorRate: null,
    requestRate: 0,
    latencyMs: { p50: null, p95: null, p99: null, mean: null },
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    accuracy: null,
    scoredEvents: 0,
    ...overrides,
  };
}

/** A summary of calls with the given figures. */
export function busy(overrides: {
  requests: number;
  errors?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  accuracy?: number | null;
  scoredEvents?: number;
}): AiMetricsSummary {
  const errors = overrides.errors ?? 0;
  return summary({
    requests: overrides.requests,
    errors,
    errorRate: errors / overrides.requests,
    requestRate: overrides.requests / 86400,
    latencyMs: {
      p50: overrides.p50 ?? 100,
      p95: overrides.p95 ?? 200,
      p99: overrides.p99 ?? 300,
      mean: overrides.p50 ?? 100,
    },
    inputTokens: overrides.inputTokens ?? 0,
    outputTokens: overrides.outputTokens ?? 0,
    costUsd: overrides.costUsd ?? 0,
    accuracy: overrides.accuracy ?? null,
    scoredEvents: overrides.scoredEvents ?? 0,
  });
}

export function model(name: string, versions: string[] = []): AiMetricsModel {
  return {
    model: name,
    versions,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-10T00:00:00.000Z',
  };
}

export const T0 = '2026-01-10T10:00:00.000Z';
export const T1 = '2026-01-10T10:15:00.000Z';

/** Points at T0 and T1. */
export function points(
  first: AiMetricsSummary,
  second: AiMetricsSummary,
): AiMetricsPoint[] {
  return [
    { time: T0, ...first },
    { time: T1, ...second },
  ];
}

export function seriesResponse(
  series: AiMetricsSeriesResponse['series'],
  stepSeconds = 900,
): AiMetricsSeriesResponse {
  return {
    from: T0,
    to: '2026-01-10T10:30:00.000Z',
    stepSeconds,
    resolution: 'minute',
    series,
  };
}

/** An AiMetricsApi whose every method is a jest mock; unset ones reject. */
export function fakeApi(
  impl: Partial<AiMetricsApi> = {},
): jest.Mocked<AiMetricsApi> {
  return fakeApiOf<AiMetricsApi>(
    ['listModels', 'getSeries', 'compare', 'getTop'],
    impl,
  );
}

/** Renders an element as the page at /ai-metrics, with the workflows page mounted. */
export async function renderPage(
  element: ReactElement,
  options: { api: AiMetricsApi; url?: string },
) {
  const result = await renderInTestApp(element, {
    apis: [[aiMetricsApiRef, options.api]],
    mountPath: '/ai-metrics',
    mountedRoutes: {
      '/ai-metrics': convertLegacyRouteRef(rootRouteRef),
      '/workflows': convertLegacyRouteRef(workflowsRouteRef),
    },
    initialRouteEntries: [options.url ?? '/ai-metrics'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { ...result, location };
}

/** The query of a location as a map of lists (repeated parameters). */
export function queryOf(search: string): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  new URLSearchParams(search).forEach((value, key) => {
    (query[key] ??= []).push(value);
  });
  return query;
}
