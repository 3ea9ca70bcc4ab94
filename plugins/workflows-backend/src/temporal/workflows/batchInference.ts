import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { ConsoleActivities } from '../activities';
import { BatchProgress, batchProgressQuery } from './definitions';
import { BatchInferenceInput, BatchInferenceResult } from './types';

const { describeDataset, predictItems } = proxyActivities<ConsoleActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InputError'] },
});

/**
 * Classifies many items in chunks. Progress is visible through the `progress`
 * query. Cancelling stops after the chunk in flight; the finished part stays
 * in the history and in the `progress` query, and the execution ends Canceled.
 */
export async function batchInference(
  input: BatchInferenceInput,
): Promise<BatchInferenceResult> {
  const chunkSize = input.chunkSize ?? 10;
  const total = input.items
    ? input.items.length
    : (await describeDataset({ dataset: input.dataset!, limit: input.limit }))
        .size;

  const progress: BatchProgress = { total, done: 0, failed: 0, results: [] };
  setHandler(batchProgressQuery, () => progress);

  // Cancelling makes the activity in flight throw CancelledFailure, which
  // ends the execution Canceled; the finished part stays in `progress`,
  // which queries still answer after the execution closed.
  for (let offset = 0; offset < total; offset += chunkSize) {
    const count = Math.min(chunkSize, total - offset);
    const outcomes = await predictItems({
      model: input.model,
      version: input.version ?? 'default',
      items: input.items?.slice(offset, offset + count),
      dataset: input.items ? undefined : input.dataset,
      offset,
      count,
    });
    for (const o of outcomes) {
      progress.results.push({ index: o.index, label: o.label, error: o.error });
      progress.done += 1;
      if (o.error) progress.failed += 1;
    }
  }
  return { ...progress };
}
