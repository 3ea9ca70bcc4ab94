import { AiMetricsPoint } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  formatCompact,
  formatMs,
  formatPercent,
  formatPercentAxis,
  formatRequests,
  formatTokens,
  formatUsd,
  formatUsdAxis,
} from '../../format';

/** One quantity a chart can plot, read from each point. */
export type Measure = {
  id: string;
  /** `p95`; names the line when a series has several. */
  label: string;
  value(point: AiMetricsPoint): number | null;
};

/** A chart over time: what it plots and how its numbers read. */
export type ChartSpec = {
  id: string;
  title: string;
  /** What the plotted measures are, with the unit, for the chart's name. */
  unit: string;
  measures: Measure[];
  /** The measure plotted when there are several series (all when there is one). */
  defaultMeasure: string;
  /** Name of the picker of measures, when there are several. */
  measureLabel?: string;
  format(value: number | null): string;
  formatAxis(value: number): string;
  domain?: [number, number | 'auto'];
};

export const CHART_SPECS: ChartSpec[] = [
  {
    id: 'latency',
    title: 'Latency',
    unit: 'latency in milliseconds',
    measures: [
      { id: 'p50', label: 'p50', value: p => p.latencyMs.p50 },
      { id: 'p95', label: 'p95', value: p => p.latencyMs.p95 },
      { id: 'p99', label: 'p99', value: p => p.latencyMs.p99 },
    ],
    defaultMeasure: 'p95',
    measureLabel: 'Percentile',
    format: formatMs,
    formatAxis: value => `${formatCompact(value)} ms`,
  },
  {
    id: 'errorRate',
    title: 'Error rate',
    unit: 'share of failed calls in percent',
    measures: [
      { id: 'errorRate', label: 'error rate', value: p => p.errorRate },
    ],
    defaultMeasure: 'errorRate',
    format: formatPercent,
    formatAxis: formatPercentAxis,
  },
  {
    id: 'requests',
    title: 'Requests',
    unit: 'number of calls',
    measures: [{ id: 'requests', label: 'requests', value: p => p.requests }],
    defaultMeasure: 'requests',
    format: formatRequests,
    formatAxis: formatCompact,
  },
  {
    id: 'tokens',
    title: 'Tokens',
    unit: 'tokens used',
    measures: [
      {
        id: 'total',
        label: 'total',
        value: p => p.inputTokens + p.outputTokens,
      },
      { id: 'input', label: 'input', value: p => p.inputTokens },
      { id: 'output', label: 'output', value: p => p.outputTokens },
    ],
    defaultMeasure: 'total',
    measureLabel: 'Tokens',
    format: formatTokens,
    formatAxis: formatCompact,
  },
  {
    id: 'cost',
    title: 'Cost',
    unit: 'cost in US dollars',
    measures: [{ id: 'cost', label: 'cost', value: p => p.costUsd }],
    defaultMeasure: 'cost',
    format: formatUsd,
    formatAxis: formatUsdAxis,
  },
  {
    id: 'accuracy',
    title: 'Accuracy',
    unit: 'mean evaluation score in percent',
    measures: [{ id: 'accuracy', label: 'accuracy', value: p => p.accuracy }],
    defaultMeasure: 'accuracy',
    format: formatPercent,
    formatAxis: formatPercentAxis,
    domain: [0, 1],
  },
];
