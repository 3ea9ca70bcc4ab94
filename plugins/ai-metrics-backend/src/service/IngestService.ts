import { InputError } from '@backstage/errors';
import {
  AiMetricEvent,
  aiMetricEventBatchSchema,
  AiMetricsIngestResult,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { AiMetricsStore, MetricEventRecord } from '../database/AiMetricsStore';
import {
  inputErrorOf,
  parseOrThrow,
  TooManyRequestsError,
} from '@ai-ops-console/console-node';
import { PrometheusMetrics } from './PrometheusMetrics';

/** Timestamps up to this far ahead of the server clock are accepted. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** OpenTelemetry's error.type when a failure has no better name. */
export const OTHER_ERROR_TYPE = '_OTHER';

function toRecord(event: AiMetricEvent): MetricEventRecord {
  return {
    id: event.id,
    occurredAt: Date.parse(event.timestamp),
    model: event.model,
    version: event.version ?? '',
    provider: event.provider,
    operation: event.operation,
    latencyMs: event.latencyMs,
    inputTokens: event.inputTokens ?? 0,
    outputTokens: event.outputTokens ?? 0,
    costUsd: event.costUsd ?? 0,
    errorType:
      event.errorType ?? (event.success === false ? OTHER_ERROR_TYPE : null),
    score: event.score ?? null,
    labels: event.labels ?? null,
    traceId: event.traceId ?? null,
  };
}

/**
 * Ingestion of metric event batches: admission (a bound on batches in
 * flight), validation, durable storage with rollups, then the Prometheus
 * metrics of the events that were new.
 */
export class IngestService {
  private readonly store: AiMetricsStore;
  private readonly metrics: PrometheusMetrics;
  private readonly maxBatchSize: number;
  private readonly maxInFlightBatches: number;
  private readonly rawRetentionMs: number;
  private readonly now: () => number;
  private inFlight = 0;

  constructor(options: {
    store: AiMetricsStore;
    metrics: PrometheusMetrics;
    maxBatchSize: number;
    maxInFlightBatches: number;
    /** events older than this could no longer be checked for duplicates */
    rawRetentionMs: number;
    now?: () => number;
  }) {
    this.store = options.store;
    this.metrics = options.metrics;
    this.maxBatchSize = options.maxBatchSize;
    this.maxInFlightBatches = options.maxInFlightBatches;
    this.rawRetentionMs = options.rawRetentionMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * Takes one in-flight slot and answers its release function (idempotent),
   * or undefined when every slot is taken: the caller answers 429 instead of
   * reading the body, so overload never grows memory.
   */
  admit(): (() => void) | undefined {
    if (this.inFlight >= this.maxInFlightBatches) {
      this.metrics.recordOverload();
      return undefined;
    }
    this.inFlight += 1;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.inFlight -= 1;
      }
    };
  }

  /** Batches being ingested now. */
  get batchesInFlight(): number {
    return this.inFlight;
  }

  /** Validates a request body into records; InputError names each bad entry. */
  parse(body: unknown): MetricEventRecord[] {
    const events = (body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(events) && events.length > this.maxBatchSize) {
      throw new InputError(
        `invalid batch: events holds ${events.length} events, at most ${this.maxBatchSize} are allowed per batch`,
      );
    }
    const batch = parseOrThrow('batch', aiMetricEventBatchSchema, body);
    const records = batch.events.map(toRecord);

    const now = this.now();
    const issues: Array<{ path: Array<string | number>; message: string }> = [];
    records.forEach((record, index) => {
      if (record.occurredAt > now + MAX_CLOCK_SKEW_MS) {
        issues.push({
          path: ['events', index, 'timestamp'],
          message: 'more than 5 minutes ahead of the server clock',
        });
      } else if (record.occurredAt < now - this.rawRetentionMs) {
        issues.push({
          path: ['events', index, 'timestamp'],
          message:
            'older than the raw event retention (aiMetrics.retention.rawEvents), so a retry could not be recognised',
        });
      }
    });
    if (issues.length > 0) {
      throw inputErrorOf('batch', issues);
    }
    return records;
  }

  /**
   * Ingests one batch of a caller already allowed to send some: takes an
   * in-flight slot (429 when none is free, before the body is read, so
   * that overload never grows memory), reads and validates the body,
   * refuses it whole (403) when it holds a model outside the caller's
   * scope, then stores it. The slot is released however it ends; reading
   * the body is bounded by the caller's `readBody`.
   */
  async ingestBatch(options: {
    scope: {
      producer: string;
      authorize(models: string[]): Promise<void>;
    };
    readBody: () => Promise<unknown>;
  }): Promise<AiMetricsIngestResult> {
    const release = this.admit();
    if (!release) {
      throw new TooManyRequestsError(
        'too many ingest batches in flight, retry later',
      );
    }
    try {
      // validated with aiMetricEventBatchSchema, each bad event named by
      // its index, plus the batch size and the timestamp window
      const events = this.parse(await options.readBody());
      await options.scope.authorize(events.map(event => event.model));
      return await this.ingest({ producer: options.scope.producer, events });
    } finally {
      release();
    }
  }

  /**
   * Stores a batch in one transaction (durable once this resolves) and
   * updates the Prometheus metrics with the events that were new. Event ids
   * are the producer's own (see `producerOf`).
   */
  async ingest(options: {
    producer: string;
    events: MetricEventRecord[];
  }): Promise<AiMetricsIngestResult> {
    const { events } = options;
    const { inserted } = await this.store.insertEvents({
      producer: options.producer,
      events,
      receivedAt: this.now(),
    });
    const result = {
      accepted: inserted.length,
      duplicates: events.length - inserted.length,
    };
    this.metrics.recordAccepted(inserted);
    this.metrics.recordDuplicates(result.duplicates);
    return result;
  }
}
