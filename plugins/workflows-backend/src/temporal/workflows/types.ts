// Inputs and results of the built-in workflows; shared with the activities.

export type ModelEvaluationInput = {
  /** A model adapter id from `workflows.models` (or the built-in local model). */
  model: string;
  /** A dataset id (built in: `sentiment-small`). */
  dataset: string;
  /** Model version to record the metrics under. @default 'default' */
  version?: string;
  /** Evaluate only the first N items. */
  limit?: number;
  /** Items per activity call. @default 20 */
  batchSize?: number;
};

export type ModelEvaluationResult = {
  model: string;
  version: string;
  dataset: string;
  items: number;
  correct: number;
  accuracy: number;
  latencyMs: { mean: number; p50: number; p95: number; max: number };
  inputTokens: number;
  outputTokens: number;
};

export type BatchInferenceInput = {
  model: string;
  version?: string;
  /** Texts to classify; or take them from a dataset. */
  items?: string[];
  dataset?: string;
  limit?: number;
  /** Items per activity call. @default 10 */
  chunkSize?: number;
};

export type BatchInferenceResult = {
  total: number;
  done: number;
  failed: number;
  results: Array<{ index: number; label?: string; error?: string }>;
};

export type ModelPromotionInput = {
  model: string;
  fromVersion?: string;
  toVersion: string;
  /** How long to wait for a decision, e.g. '24h' or '30m'. @default '24h' */
  decisionTimeout?: string;
};

export type ModelPromotionResult = {
  outcome: 'promoted' | 'rejected' | 'expired';
  model: string;
  toVersion: string;
  decidedBy?: string;
  comment?: string;
};

/** What one model call produced. */
export type PredictionOutcome = {
  index: number;
  label?: string;
  expected?: string;
  correct?: boolean;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  error?: string;
};
