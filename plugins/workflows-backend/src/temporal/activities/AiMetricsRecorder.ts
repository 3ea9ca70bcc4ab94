import { AiMetricsProducerService } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { ConsoleMetricEvent, MetricsRecorder } from './MetricsRecorder';

/**
 * Sends the workflows' metric events to the ai-metrics plugin through the
 * workflows plugin's producer service (subject plugin:workflows, which
 * ai-metrics lets write the models the console runs). Events of a model
 * ai-metrics does not let the workflows write are dropped with a warning
 * (the operator's decision); any other failure, a 404 included (ai-metrics
 * not where discovery points, e.g. a worker-only process without
 * discovery.endpoints), fails the activity, whose retry the event ids make
 * safe.
 */
export class AiMetricsRecorder implements MetricsRecorder {
  private readonly producer: AiMetricsProducerService;

  constructor(options: { producer: AiMetricsProducerService }) {
    this.producer = options.producer;
  }

  async record(events: ConsoleMetricEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.producer.send(
      events.map(e => ({
        id: e.id,
        timestamp: e.timestamp,
        model: e.model,
        version: e.version,
        provider: e.provider ?? 'ai-ops-console',
        operation: e.operation,
        // a clock step can make a measured duration negative
        latencyMs: Math.max(0, e.latencyMs),
        inputTokens: e.inputTokens,
        outputTokens: e.outputTokens,
        costUsd: e.costUsd,
        success: e.success,
        errorType: e.success ? undefined : e.errorType ?? 'error',
        score: e.score,
        labels: e.labels,
      })),
    );
  }
}
