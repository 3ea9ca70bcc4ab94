import { setTimeout as sleep } from 'node:timers/promises';
import { ModelAdapter } from '@ai-ops-console/backstage-plugin-workflows-node';
import { DEMO_PROVIDER, KEYWORD_MODEL } from './demoContent';

// Word stems that tip a remark one way or the other; a remark is whichever
// side has more, positive on a tie.
const POSITIVE = [
  'good', 'great', 'love', 'smooth', 'fast', 'quick', 'thrill', 'clean',
  'happy', 'stable', 'easy', 'excellent', 'nice', 'fixed', 'improv',
  'prais', 'enjoy', 'help', 'reliab', 'success', 'solid', 'clear',
  'impress', 'perfect', 'delight', 'glad', 'well',
]; // prettier-ignore
const NEGATIVE = [
  'bad', 'fail', 'broke', 'slow', 'crash', 'bug', 'hate', 'angry',
  'flak', 'outage', 'error', 'confus', 'pain', 'terribl', 'awful',
  'wors', 'frustrat', 'annoy', 'lost', 'down', 'timeout', 'leak',
  'again', 'nobody', 'never', 'wrong', 'stuck', 'unclear', 'miss',
]; // prettier-ignore

function count(words: string[], stems: string[]) {
  return words.filter(w => stems.some(s => w.startsWith(s))).length;
}

/**
 * The demo's second model: a word-list classifier that answers at about the
 * pace of a hosted model (`console.demoData.modelLatencyMs`, ±25%), so that
 * its evaluation and batch inference are still running when a newcomer
 * first opens the console. Added to the workflows plugin through its
 * models extension point, as a plugin author would add one.
 */
export class KeywordSentimentModel implements ModelAdapter {
  readonly id = KEYWORD_MODEL;
  readonly provider = DEMO_PROVIDER;
  private readonly latencyMs: number;

  constructor(options: { latencyMs: number }) {
    this.latencyMs = options.latencyMs;
  }

  async classify(options: { text: string; labels: string[] }) {
    if (
      !options.labels.includes('positive') ||
      !options.labels.includes('negative')
    ) {
      throw new Error(
        `${this.id} tells positive from negative, not ${options.labels.join(
          ', ',
        )}`,
      );
    }
    await sleep(this.latencyMs * (0.75 + Math.random() / 2));
    const words = options.text.toLocaleLowerCase('en-US').match(/[a-z]+/g);
    const all = words ?? [];
    const label =
      count(all, NEGATIVE) > count(all, POSITIVE) ? 'negative' : 'positive';
    // the prompt a hosted model would get: instructions plus the text
    return { label, inputTokens: 40 + all.length, outputTokens: 1 };
  }
}
