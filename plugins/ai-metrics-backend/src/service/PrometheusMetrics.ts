import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { MetricEventRecord } from '../database/AiMetricsStore';

/** OpenTelemetry GenAI bucket boundaries of gen_ai.client.operation.duration (s). */
export const OPERATION_DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
  40.96, 81.92,
];

/** OpenTelemetry GenAI bucket boundaries of gen_ai.client.token.usage. */
export const TOKEN_USAGE_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
  16777216, 67108864,
];

/** The label value that replaces a model (or other label value) past the cardinality bound. */
export const OVERFLOW_LABEL_VALUE = '_overflow';

// distinct dropped values remembered per label, so the dropped-series counter
// counts each value once without itself growing without bound
const DROPPED_VALUES_TRACKED = 10_000;

const MODEL = 'gen_ai_request_model';
const OPERATION = 'gen_ai_operation_name';
const PROVIDER = 'gen_ai_provider_name';
const ERROR_TYPE = 'error_type';
const TOKEN_TYPE = 'gen_ai_token_type';

/** Keeps at most `max` distinct values of one label; later values become the overflow value. */
class BoundedLabel {
  private readonly kept = new Set<string>();
  private readonly dropped = new Set<string>();

  constructor(
    private readonly options: {
      label: string;
      max: number;
      droppedSeries: Counter<'label'>;
    },
  ) {}

  value(raw: string): string {
    if (this.kept.has(raw)) {
      return raw;
    }
    if (this.kept.size < this.options.max) {
      this.kept.add(raw);
      return raw;
    }
    if (!this.dropped.has(raw) && this.dropped.size < DROPPED_VALUES_TRACKED) {
      this.dropped.add(raw);
      this.options.droppedSeries.inc({ label: this.options.label });
    }
    return OVERFLOW_LABEL_VALUE;
  }
}

/**
 * The Prometheus view of accepted metric events, on its own registry (never
 * prom-client's global one), with OpenTelemetry GenAI metric and attribute
 * names in Prometheus form. Only events that were new to the store reach
 * `recordAccepted`, so a retried batch never counts twice.
 *
 * Every replica exports what it ingested itself; Prometheus scrapes each one
 * and sums across instances.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();

  private readonly duration: Histogram<string>;
  private readonly tokens: Histogram<string>;
  private readonly cost: Counter<string>;
  private readonly accuracy: Gauge<string>;
  private readonly events: Counter<'result'>;
  private readonly rejected: Counter<'reason'>;
  private readonly models: BoundedLabel;
  private readonly operations: BoundedLabel;
  private readonly providers: BoundedLabel;
  private readonly errorTypes: BoundedLabel;
  // time of the call behind each accuracy series; bounded like the labels
  private readonly scoreTimes = new Map<string, number>();

  private readonly alsoExport: Registry[];

  constructor(options: {
    maxModels: number;
    maxLabelValues: number;
    /**
     * Registries exported beside the AI metrics on the same scrape, e.g. the
     * console's HTTP server metrics.
     */
    alsoExport?: Registry[];
  }) {
    this.alsoExport = options.alsoExport ?? [];
    const registers = [this.registry];
    this.duration = new Histogram({
      name: 'gen_ai_client_operation_duration_seconds',
      help: 'GenAI operation duration (OpenTelemetry gen_ai.client.operation.duration).',
      labelNames: [OPERATION, PROVIDER, MODEL, ERROR_TYPE],
      buckets: OPERATION_DURATION_BUCKETS,
      registers,
    });
    this.tokens = new Histogram({
      name: 'gen_ai_client_token_usage',
      help: 'Number of input and output tokens used (OpenTelemetry gen_ai.client.token.usage).',
      labelNames: [OPERATION, PROVIDER, MODEL, TOKEN_TYPE],
      buckets: TOKEN_USAGE_BUCKETS,
      registers,
    });
    this.cost = new Counter({
      name: 'ai_console_model_cost_usd_total',
      help: 'Cost of GenAI operations in US dollars, as reported by the producers.',
      labelNames: [OPERATION, PROVIDER, MODEL],
      registers,
    });
    this.accuracy = new Gauge({
      name: 'ai_console_model_accuracy_ratio',
      help: 'Latest accuracy or evaluation score (0 to 1) ingested for a model by this instance.',
      labelNames: [PROVIDER, MODEL],
      registers,
    });
    this.events = new Counter({
      name: 'ai_console_metric_events_total',
      help: 'Metric events received, by result: accepted (new) or duplicate (id already stored).',
      labelNames: ['result'],
      registers,
    });
    this.rejected = new Counter({
      name: 'ai_console_ingest_rejected_batches_total',
      help: 'Ingest batches answered 429 because too many batches were in flight.',
      labelNames: ['reason'],
      registers,
    });
    const droppedSeries = new Counter({
      name: 'ai_console_metrics_dropped_series_total',
      help: 'Distinct label values folded into the overflow value past the cardinality bound, by label.',
      labelNames: ['label'],
      registers,
    });
    this.models = new BoundedLabel({
      label: MODEL,
      max: options.maxModels,
      droppedSeries,
    });
    this.operations = new BoundedLabel({
      label: OPERATION,
      max: options.maxLabelValues,
      droppedSeries,
    });
    this.providers = new BoundedLabel({
      label: PROVIDER,
      max: options.maxLabelValues,
      droppedSeries,
    });
    this.errorTypes = new BoundedLabel({
      label: ERROR_TYPE,
      max: options.maxLabelValues,
      droppedSeries,
    });
    // zero series, so that rate() and increase() see the first increment
    this.events.inc({ result: 'accepted' }, 0);
    this.events.inc({ result: 'duplicate' }, 0);
    this.rejected.inc({ reason: 'overload' }, 0);
  }

  /** Records events that the store has just accepted as new. */
  recordAccepted(events: MetricEventRecord[]): void {
    for (const event of events) {
      const base = {
        [OPERATION]: this.operations.value(event.operation),
        [PROVIDER]: this.providers.value(event.provider),
        [MODEL]: this.models.value(event.model),
      };
      this.duration.observe(
        event.errorType === null
          ? base
          : { ...base, [ERROR_TYPE]: this.errorTypes.value(event.errorType) },
        event.latencyMs / 1000,
      );
      // OpenTelemetry records token usage only when the count is known
      if (event.inputTokens > 0) {
        this.tokens.observe(
          { ...base, [TOKEN_TYPE]: 'input' },
          event.inputTokens,
        );
      }
      if (event.outputTokens > 0) {
        this.tokens.observe(
          { ...base, [TOKEN_TYPE]: 'output' },
          event.outputTokens,
        );
      }
      this.cost.inc(base, event.costUsd);
      if (event.score !== null) {
        // the gauge shows the score of the newest call, whatever the order of arrival
        const key = `${base[PROVIDER]}\u0000${base[MODEL]}`;
        if ((this.scoreTimes.get(key) ?? -Infinity) <= event.occurredAt) {
          this.scoreTimes.set(key, event.occurredAt);
          this.accuracy.set(
            { [PROVIDER]: base[PROVIDER], [MODEL]: base[MODEL] },
            event.score,
          );
        }
      }
    }
    this.events.inc({ result: 'accepted' }, events.length);
  }

  /** Counts events that were dropped as duplicates. */
  recordDuplicates(count: number): void {
    this.events.inc({ result: 'duplicate' }, count);
  }

  /** Counts a batch refused because too many were in flight. */
  recordOverload(): void {
    this.rejected.inc({ reason: 'overload' });
  }

  /** The exposition text and its content type. */
  async expose(): Promise<{ contentType: string; body: string }> {
    const registry = this.alsoExport.length
      ? Registry.merge([this.registry, ...this.alsoExport])
      : this.registry;
    return {
      contentType: registry.contentType,
      body: await registry.metrics(),
    };
  }
}
