// Workflow code: runs in Temporal's sandbox. Import activity *types* only.
import { proxyActivities } from '@temporalio/workflow';
import type { WordCountActivities } from './activities';

const { countWords } = proxyActivities<WordCountActivities>({
  startToCloseTimeout: '1 minute',
});

/** Counts the words of each document and returns the totals. */
export async function wordCount(input: {
  documents: string[];
}): Promise<{ documents: number; words: number; longest: number }> {
  const counts: number[] = [];
  for (const text of input.documents) {
    counts.push(await countWords({ text }));
  }
  return {
    documents: counts.length,
    words: counts.reduce((a, b) => a + b, 0),
    longest: counts.length ? Math.max(...counts) : 0,
  };
}
