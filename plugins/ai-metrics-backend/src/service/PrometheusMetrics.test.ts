import { Counter, Registry } from 'prom-client';
import { eventRecord } from '../__testUtils__/events';
import {
  OPERATION_DURATION_BUCKETS,
  PrometheusMetrics,
  TOKEN_USAGE_BUCKETS,
} from './PrometheusMetrics';

async function text(metrics: PrometheusMetrics) {
  return (await metrics.expose()).body;
}

describe('PrometheusMetrics', () => {
  it('exports the OpenTelemetry GenAI histograms with their bucket boundaries', async () => {
    const metrics = new PrometheusMetrics({ maxModels: 5, maxLabelValues: 5 });
    metrics.recordAccepted([
      eventRecord({
        id: '1',
        latencyMs: 1500,
        inputTokens: 900,
        outputTokens: 0,
      }),
    ]);
    const body = await text(metrics);
    const labels =
      'gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"';
    for (const le of OPERATION_DURATION_BUCKETS) {
      expect(body).toContain(
        `gen_ai_client_operation_duration_seconds_bucket{le="${le}",${labels}} ${
          le >= 1.5 ? 1 : 0
        }`,
      );
    }
    expect(body).toContain(
      `gen_ai_client_operation_duration_seconds_sum{${labels}} 1.5`,
    );
    for (const le of TOKEN_USAGE_BUCKETS) {
      expect(body).toContain(
        `gen_ai_client_token_usage_bucket{le="${le}",${labels},gen_ai_token_type="input"} ${
          le >= 900 ? 1 : 0
        }`,
      );
    }
    // a count of 0 is not a measurement: no output series
    expect(body).not.toContain('gen_ai_token_type="output"');
  });

  it('folds models past the bound into _overflow and counts each dropped model once', async () => {
    const metrics = new PrometheusMetrics({ maxModels: 2, maxLabelValues: 5 });
    metrics.recordAccepted(
      ['a', 'b', 'c', 'd', 'c', 'a'].map((model, i) =>
        eventRecord({ id: String(i), model, costUsd: 1 }),
      ),
    );
    const body = await text(metrics);
    const cost = (model: string) =>
      `ai_console_model_cost_usd_total{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="${model}"}`;
    expect(body).toContain(`${cost('a')} 2`);
    expect(body).toContain(`${cost('b')} 1`);
    expect(body).toContain(`${cost('_overflow')} 3`);
    expect(body).not.toContain('gen_ai_request_model="c"');
    expect(body).toContain(
      'ai_console_metrics_dropped_series_total{label="gen_ai_request_model"} 2',
    );
  });

  it('bounds error types the same way', async () => {
    const metrics = new PrometheusMetrics({ maxModels: 5, maxLabelValues: 1 });
    metrics.recordAccepted([
      eventRecord({ id: '1', errorType: 'timeout' }),
      eventRecord({ id: '2', errorType: 'rate_limited' }),
    ]);
    const body = await text(metrics);
    expect(body).toContain('error_type="timeout"');
    expect(body).toContain('error_type="_overflow"');
    expect(body).toContain(
      'ai_console_metrics_dropped_series_total{label="error_type"} 1',
    );
  });

  it('shows the score of the newest call in the accuracy gauge, whatever the arrival order', async () => {
    const metrics = new PrometheusMetrics({ maxModels: 5, maxLabelValues: 5 });
    metrics.recordAccepted([
      eventRecord({ id: 'new', occurredAt: 2000, score: 0.9 }),
      eventRecord({ id: 'old', occurredAt: 1000, score: 0.1 }),
    ]);
    expect(await text(metrics)).toContain(
      'ai_console_model_accuracy_ratio{gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"} 0.9',
    );
  });

  it('exports other registries beside its own on the same scrape', async () => {
    const http = new Registry();
    new Counter({
      name: 'http_demo_total',
      help: 'demo',
      registers: [http],
    }).inc(2);
    const metrics = new PrometheusMetrics({
      maxModels: 5,
      maxLabelValues: 5,
      alsoExport: [http],
    });
    const body = await text(metrics);
    expect(body).toContain('http_demo_total 2');
    expect(body).toContain('ai_console_metric_events_total');
  });

  it('keeps its own registry, apart from the global one', async () => {
    const a = new PrometheusMetrics({ maxModels: 5, maxLabelValues: 5 });
    const b = new PrometheusMetrics({ maxModels: 5, maxLabelValues: 5 });
    a.recordDuplicates(3);
    expect(await text(a)).toContain(
      'ai_console_metric_events_total{result="duplicate"} 3',
    );
    expect(await text(b)).toContain(
      'ai_console_metric_events_total{result="duplicate"} 0',
    );
  });
});
