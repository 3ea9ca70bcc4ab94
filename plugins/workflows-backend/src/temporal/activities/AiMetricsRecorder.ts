import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConsoleMetricEvent, MetricsRecorder } from './MetricsRecorder';

const BATCH = 500;

/** The message of a Backstage error body, or the start of the text. */
async function reason(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const message = JSON.parse(text)?.error?.message;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // not JSON
  }
  return `${response.status} ${text.slice(0, 500)}`;
}

/**
 * Sends the workflows' metric events to the ai-metrics plugin's ingest API
 * with the workflows plugin's own service token (subject plugin:workflows,
 * which ai-metrics lets write the models the console runs). Event ids make
 * retries safe. When ai-metrics is not installed (404) the events are
 * dropped with a warning; events of a model ai-metrics does not let the
 * workflows write (403) are dropped with a warning naming it, as a retry
 * would be refused alike.
 */
export class AiMetricsRecorder implements MetricsRecorder {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private warnedMissing = false;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.logger = options.logger;
  }

  async record(events: ConsoleMetricEvent[]): Promise<void> {
    if (events.length === 0) return;
    const baseUrl = await this.discovery.getBaseUrl('ai-metrics');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-metrics',
    });
    const now = new Date().toISOString();
    for (let i = 0; i < events.length; i += BATCH) {
      const body = {
        events: events.slice(i, i + BATCH).map(e => ({
          id: e.id,
          timestamp: e.timestamp ?? now,
          model: e.model,
          version: e.version,
          provider: e.provider ?? 'ai-ops-console',
          operation: e.operation,
          latencyMs: Math.max(0, e.latencyMs),
          inputTokens: e.inputTokens,
          outputTokens: e.outputTokens,
          costUsd: e.costUsd,
          success: e.success,
          errorType: e.success ? undefined : e.errorType ?? 'error',
          score: e.score,
          labels: e.labels,
        })),
      };
      const response = await fetch(`${baseUrl}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(body),
      });
      if (response.status === 403) {
        // ai-metrics does not let the workflows plugin write this model
        // (aiMetrics.ingest.producers): a retry would be refused alike,
        // and the workflow's own work is done
        this.logger.warn(
          `ai-metrics refused ${
            body.events.length
          } metric event(s): ${await reason(response)}`,
        );
        continue;
      }
      if (response.status === 404) {
        if (!this.warnedMissing) {
          this.logger.warn(
            'ai-metrics is not installed (404 from its ingest API); workflow metrics are not recorded',
          );
          this.warnedMissing = true;
        }
        return;
      }
      if (!response.ok) {
        throw new Error(
          `ai-metrics refused ${body.events.length} event(s): ${await reason(
            response,
          )}`,
        );
      }
    }
  }
}
