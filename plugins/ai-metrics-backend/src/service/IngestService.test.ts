import { AiMetricsStore } from '../database/AiMetricsStore';
import { wireEvent } from '../__testUtils__/events';
import { IngestService } from './IngestService';
import { PrometheusMetrics } from './PrometheusMetrics';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function service(maxInFlightBatches = 2) {
  const store = {
    insertEvents: jest.fn(async ({ events }) => ({ inserted: events })),
  } as unknown as AiMetricsStore;
  return new IngestService({
    store,
    metrics: new PrometheusMetrics({ maxModels: 5, maxLabelValues: 5 }),
    maxBatchSize: 10,
    maxInFlightBatches,
    rawRetentionMs: 86_400_000,
    now: () => NOW,
  });
}

describe('IngestService', () => {
  it('turns wire events into records', () => {
    const [ok, failed, named] = service().parse({
      events: [
        wireEvent({
          id: 'a',
          timestamp: '2026-11-26T13:00:00+02:00',
          labels: { team: 'x' },
        }),
        wireEvent({
          id: 'b',
          timestamp: '2026-11-26T11:00:00Z',
          success: false,
        }),
        wireEvent({
          id: 'c',
          timestamp: '2026-11-26T11:00:00Z',
          errorType: 'rate_limited',
          version: 'v1',
        }),
      ],
    });
    expect(ok).toEqual({
      id: 'a',
      occurredAt: Date.parse('2026-11-26T11:00:00Z'),
      model: 'gpt-4o',
      version: '',
      provider: 'openai',
      operation: 'chat',
      latencyMs: 120,
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.001,
      errorType: null,
      score: null,
      labels: { team: 'x' },
      traceId: null,
    });
    expect(failed.errorType).toBe('_OTHER');
    expect(named).toMatchObject({ errorType: 'rate_limited', version: 'v1' });
  });

  it('lists every bad event of a batch in one error', () => {
    expect(() =>
      service().parse({
        events: [
          wireEvent({ id: 'a', timestamp: 'yesterday' }),
          wireEvent({ id: 'b', timestamp: '2026-11-26T11:00:00Z', model: 7 }),
        ],
      }),
    ).toThrow(
      /^invalid batch: events\[0\]\.timestamp: .+; events\[1\]\.model: /,
    );
  });

  it('hands out at most the configured number of in-flight slots, each released once', () => {
    const ingest = service(2);
    const first = ingest.admit()!;
    const second = ingest.admit()!;
    expect(ingest.admit()).toBeUndefined();
    first();
    first();
    expect(ingest.batchesInFlight).toBe(1);
    expect(ingest.admit()).toBeDefined();
    expect(ingest.admit()).toBeUndefined();
    second();
    expect(ingest.batchesInFlight).toBe(1);
  });
});
