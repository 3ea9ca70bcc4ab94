/**
 * A metric event as the workflows record it; the ai-metrics ingest API
 * receives these. Ids are derived from the workflow run (its run id, not
 * its workflow id, which a re-run can reuse) and from parts that are the
 * same in every attempt of an activity, so that a retried activity never
 * counts twice and a new run always counts.
 */
export type ConsoleMetricEvent = {
  /** Unique within the workflow run; the activities prefix it with the run id. */
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
  /** Include workflow_id and workflow_run_id (added by the activities). */
  labels?: Record<string, string>;
  timestamp?: string;
};

/** Where the workflows' activities send metric events. */
export interface MetricsRecorder {
  record(events: ConsoleMetricEvent[]): Promise<void>;
}
