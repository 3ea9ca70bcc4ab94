import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { KeywordSentimentModel } from './KeywordSentimentModel';

const labels = ['positive', 'negative'];

describe('KeywordSentimentModel', () => {
  it('tells clearly positive from clearly negative remarks', async () => {
    const model = new KeywordSentimentModel({ latencyMs: 0 });
    await expect(
      model.classify({ text: 'The release went smoothly, great work', labels }),
    ).resolves.toMatchObject({ label: 'positive', outputTokens: 1 });
    await expect(
      model.classify({ text: 'The build failed again with a timeout', labels }),
    ).resolves.toMatchObject({ label: 'negative' });
  });

  it('is better than chance on the dataset the demo evaluates it on, and below the local model', async () => {
    const model = new KeywordSentimentModel({ latencyMs: 0 });
    const file = resolvePackagePath(
      '@ai-ops-console/backstage-plugin-workflows-backend',
      'data/sentiment-small.json',
    );
    const { eval: items } = JSON.parse(readFileSync(file, 'utf8')) as {
      eval: Array<{ text: string; label: string }>;
    };
    let correct = 0;
    for (const item of items) {
      const { label } = await model.classify({ text: item.text, labels });
      if (label === item.label) correct += 1;
    }
    expect(correct / items.length).toBeGreaterThan(0.6);
    expect(correct / items.length).toBeLessThan(1);
  });

  it('answers at about the configured pace, as a hosted model would', async () => {
    const model = new KeywordSentimentModel({ latencyMs: 200 });
    const started = performance.now();
    await model.classify({ text: 'fine', labels });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(145);
    expect(took).toBeLessThan(400);
  });

  it('refuses labels it cannot tell apart, which counts as a failed prediction', async () => {
    const model = new KeywordSentimentModel({ latencyMs: 0 });
    await expect(
      model.classify({ text: 'x', labels: ['spam', 'ham'] }),
    ).rejects.toThrow(
      'keyword-sentiment tells positive from negative, not spam, ham',
    );
  });
});
