import { LabelledText, ModelAdapter } from './types';
import { tokenize } from './tokenize';

/**
 * A multinomial naive Bayes text classifier with Laplace smoothing, trained
 * at construction on a labelled split. It is the small local model that lets
 * the embedded default evaluate and run batches offline.
 */
export class NaiveBayesClassifier implements ModelAdapter {
  readonly provider = 'ai-ops-console';
  private readonly labels: string[];
  private readonly logPrior = new Map<string, number>();
  private readonly wordCounts = new Map<string, Map<string, number>>();
  private readonly totalWords = new Map<string, number>();
  private readonly vocabulary = new Set<string>();

  constructor(readonly id: string, training: LabelledText[]) {
    if (training.length === 0) {
      throw new Error(`model ${id} needs training data`);
    }
    this.labels = [...new Set(training.map(t => t.label))].sort();
    for (const label of this.labels) {
      const n = training.filter(t => t.label === label).length;
      this.logPrior.set(label, Math.log(n / training.length));
      this.wordCounts.set(label, new Map());
      this.totalWords.set(label, 0);
    }
    for (const { text, label } of training) {
      const counts = this.wordCounts.get(label)!;
      for (const word of tokenize(text)) {
        this.vocabulary.add(word);
        counts.set(word, (counts.get(word) ?? 0) + 1);
        this.totalWords.set(label, this.totalWords.get(label)! + 1);
      }
    }
  }

  async classify(options: { text: string; labels: string[] }) {
    const words = tokenize(options.text);
    const candidates = this.labels.filter(l => options.labels.includes(l));
    if (candidates.length === 0) {
      throw new Error(
        `model ${this.id} knows the labels ${this.labels.join(
          ', ',
        )}, not ${options.labels.join(', ')}`,
      );
    }
    let best = candidates[0];
    let bestScore = -Infinity;
    const v = this.vocabulary.size;
    for (const label of candidates) {
      const counts = this.wordCounts.get(label)!;
      const total = this.totalWords.get(label)!;
      let score = this.logPrior.get(label)!;
      for (const word of words) {
        score += Math.log(((counts.get(word) ?? 0) + 1) / (total + v));
      }
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return { label: best, inputTokens: words.length, outputTokens: 1 };
  }
}
