import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { ConsoleActivities } from '../activities';
import { EvaluationProgress, evaluationProgressQuery } from './definitions';
import {
  ModelEvaluationInput,
  ModelEvaluationResult,
  PredictionOutcome,
} from './types';

const { describeDataset, predictBatch, recordMetrics } =
  proxyActivities<ConsoleActivities>({
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InputError'] },
  });

/**
 * Runs a dataset through a model adapter and measures accuracy and latency.
 * Every model call and the final accuracy are recorded as ai-metrics events
 * (ids derived from the run id, so activity retries never double count and
 * a re-run under the same workflow id counts again).
 */
export async function modelEvaluation(
  input: ModelEvaluationInput,
): Promise<ModelEvaluationResult> {
  const version = input.version ?? 'default';
  const batchSize = input.batchSize ?? 20;
  const { size } = await describeDataset({
    dataset: input.dataset,
    limit: input.limit,
  });

  const progress: EvaluationProgress = { total: size, done: 0, correct: 0 };
  setHandler(evaluationProgressQuery, () => progress);

  const outcomes: PredictionOutcome[] = [];
  for (let offset = 0; offset < size; offset += batchSize) {
    const batch = await predictBatch({
      model: input.model,
      version,
      dataset: input.dataset,
      offset,
      count: Math.min(batchSize, size - offset),
    });
    outcomes.push(...batch);
    progress.done += batch.length;
    progress.correct += batch.filter(o => o.correct).length;
  }

  const latencies = outcomes.map(o => o.latencyMs).sort((a, b) => a - b);
  const pick = (q: number) =>
    latencies.length
      ? latencies[
          Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)
        ]
      : 0;
  const result: ModelEvaluationResult = {
    model: input.model,
    version,
    dataset: input.dataset,
    items: outcomes.length,
    correct: progress.correct,
    accuracy: outcomes.length ? progress.correct / outcomes.length : 0,
    latencyMs: {
      mean: latencies.length
        ? latencies.reduce((a, b) => a + b, 0) / latencies.length
        : 0,
      p50: pick(0.5),
      p95: pick(0.95),
      max: latencies.length ? latencies[latencies.length - 1] : 0,
    },
    inputTokens: outcomes.reduce((a, o) => a + o.inputTokens, 0),
    outputTokens: outcomes.reduce((a, o) => a + o.outputTokens, 0),
  };

  await recordMetrics({
    events: [
      {
        // unique within the run; the activity scopes it to the run
        id: 'accuracy',
        model: input.model,
        version,
        operation: 'evaluation',
        latencyMs: result.latencyMs.mean,
        score: result.accuracy,
        success: true,
        labels: { dataset: input.dataset },
      },
    ],
  });
  return result;
}
