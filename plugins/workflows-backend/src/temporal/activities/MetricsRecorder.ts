/**
 * A metric event as the workflows record it; the ai-metrics ingest API
 * receives these. Ids are derived from the workflow id so that retried
 * activities never count twice.
 */
export type ConsoleMetricEvent = {
  id: string;
  model: string;
  version: string;
  provider?: string;
  operation: string;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  success: boolean;
  errorType?: string;
  score?: number;
  labels?: Record<string, string>;
  timestamp?: string;
  traceId?: string;
};

/** Where the workflows' activities send metric events. */
export interface MetricsRecorder {
  record(events: ConsoleMetricEvent[]): Promise<void>;
}
