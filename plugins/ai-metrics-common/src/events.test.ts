import { AI_METRIC_EVENT_MAX_LABELS, aiMetricEventSchema } from './events';

const valid = {
  id: 'evt-1',
  timestamp: '2026-11-26T10:00:00.000Z',
  model: 'gpt-4o',
  version: '2024-08-06',
  provider: 'openai',
  operation: 'chat',
  latencyMs: 812.5,
  inputTokens: 120,
  outputTokens: 48,
  costUsd: 0.0021,
  score: 0.9,
  labels: { team: 'search', 'deployment.env': 'prod' },
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

function issues(event: unknown) {
  const result = aiMetricEventSchema.safeParse(event);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

describe('aiMetricEventSchema', () => {
  it('accepts a complete event and a minimal one', () => {
    expect(issues(valid)).toEqual([]);
    expect(
      issues({
        id: 'x',
        timestamp: '2026-11-26T10:00:00+02:00',
        model: 'm',
        provider: 'p',
        operation: 'embeddings',
        latencyMs: 0,
      }),
    ).toEqual([]);
  });

  it.each([
    ['latencyMs', -1],
    ['latencyMs', '12'],
    ['inputTokens', 1.5],
    ['score', 1.2],
    ['timestamp', '2026-11-26 10:00'],
    ['operation', 'Chat Completion'],
    ['traceId', 'not-a-trace'],
    ['id', 'has space'],
    ['model', ''],
  ])('names the field when %s is %p', (field, value) => {
    expect(issues({ ...valid, [field]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${field}: `)),
    ]);
  });

  it('rejects unknown fields, so a typo does not silently drop data', () => {
    expect(issues({ ...valid, latency: 3 })).toEqual([
      expect.stringContaining('latency'),
    ]);
  });

  it('bounds the custom labels in number and shape', () => {
    const many = Object.fromEntries(
      Array.from({ length: AI_METRIC_EVENT_MAX_LABELS + 1 }, (_, i) => [
        `k${i}`,
        'v',
      ]),
    );
    expect(issues({ ...valid, labels: many })).toEqual([
      expect.stringMatching(/^labels: at most/),
    ]);
    expect(issues({ ...valid, labels: { '1bad': 'v' } })).toHaveLength(1);
    expect(issues({ ...valid, labels: { __name__: 'v' } })).toHaveLength(1);
    expect(issues({ ...valid, labels: { ok: 'v'.repeat(300) } })).toHaveLength(
      1,
    );
  });

  it('refuses an error type on a successful call', () => {
    expect(issues({ ...valid, success: true, errorType: 'timeout' })).toEqual([
      'errorType: errorType is set but success is true',
    ]);
    expect(issues({ ...valid, success: false, errorType: 'timeout' })).toEqual(
      [],
    );
  });
});

describe('NUL characters', () => {
  it('are refused in names and label values, naming the field', () => {
    const base = {
      id: 'e1',
      timestamp: '2026-11-26T10:00:00Z',
      model: 'm',
      provider: 'p',
      operation: 'chat',
      latencyMs: 1,
    };
    for (const bad of [
      { ...base, model: 'bad\u0000model' },
      { ...base, labels: { team: 'a\u0000b' } },
    ]) {
      const result = aiMetricEventSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toBe(
        'must not contain NUL characters',
      );
    }
  });
});
