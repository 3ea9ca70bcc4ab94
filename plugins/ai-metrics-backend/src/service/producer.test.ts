import { mockCredentials } from '@backstage/backend-test-utils';
import { producerOf } from './producer';

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
