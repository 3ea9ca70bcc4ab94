import { mockCredentials } from '@backstage/backend-test-utils';
import { ProducerModels, producerOf } from './producer';

describe('producerOf', () => {
  it.each([
    [
      'a plugin',
      mockCredentials.service('plugin:workflows'),
      'plugin:workflows',
    ],
    [
      'an external service',
      mockCredentials.service('external:llm-gateway'),
      'external:llm-gateway',
    ],
    ['a user', mockCredentials.user('user:default/jane'), 'user:default/jane'],
  ])('names %s by its principal', (_, credentials, producer) => {
    expect(producerOf(credentials)).toBe(producer);
  });

  it('keeps an overlong subject as a digest that fits the column and stays distinct', () => {
    const a = producerOf(
      mockCredentials.service(`external:${'a'.repeat(300)}`),
    );
    const b = producerOf(
      mockCredentials.service(`external:${'a'.repeat(301)}`),
    );
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});

describe('ProducerModels', () => {
  const producers = new ProducerModels(
    new Map([
      ['external:gateway', ['gpt-*', 'meta/Llama-3.1-*', 'claude-3-5-sonnet']],
      ['plugin:workflows', ['local-sentiment']],
    ]),
  );

  it.each([
    ['external:gateway', 'gpt-4o', true],
    ['external:gateway', 'gpt-', true],
    ['external:gateway', 'meta/Llama-3.1-8B', true],
    ['external:gateway', 'claude-3-5-sonnet', true],
    ['external:gateway', 'claude-3-5-sonnet-v2', false],
    ['external:gateway', 'xgpt-4o', false],
    // globs are literal but for *: no regular expression, no case folding
    ['external:gateway', 'meta/Llama-3x1-8B', false],
    ['external:gateway', 'GPT-4o', false],
    ['plugin:workflows', 'local-sentiment', true],
    ['plugin:workflows', 'gpt-4o', false],
  ])('lets %s write %s: %p', (subject, model, allowed) => {
    expect(producers.modelsOf(subject)?.(model)).toBe(allowed);
  });

  it('knows no service that is not listed', () => {
    expect(producers.modelsOf('external:stranger')).toBeUndefined();
    expect(producers.modelsOf('__proto__')).toBeUndefined();
  });
});
