import { AiMetricEventInput } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { MetricEventRecord } from '../database/AiMetricsStore';

/** A stored-form event with sensible defaults. */
export function eventRecord(
  overrides: Partial<MetricEventRecord> & { id: string },
): MetricEventRecord {
  return {
    occurredAt: Date.parse('2026-11-26T10:00:00Z'),
    model: 'gpt-4o',
    version: '',
    provider: 'openai',
    operation: 'chat',
    latencyMs: 100,
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.001,
    errorType: null,
    score: null,
    labels: null,
    traceId: null,
    ...overrides,
  };
}

/**
 * A wire-form event (as producers send it) with sensible defaults; overrides
 * may be invalid on purpose.
 */
export function wireEvent(
  overrides: Record<string, unknown> & { id: string },
): AiMetricEventInput {
  return {
    timestamp: new Date().toISOString(),
    model: 'gpt-4o',
    provider: 'openai',
    operation: 'chat',
    latencyMs: 120,
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.001,
    ...overrides,
  } as AiMetricEventInput;
}
