import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import { createApiClient } from '@ai-ops-console/console-common';
import { aiMetricsApiSpec } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import type {
  AiMetricsProducerEvent,
  AiMetricsProducerService,
  AiMetricsSendResult,
} from './AiMetricsProducerService';

/** Events per request, well below the ingest API's default bound (1000). */
const BATCH = 500;

/** The message ai-metrics answered with, never more than 500 characters. */
function reason(error: ResponseError): string {
  return (error.cause?.message || error.message).slice(0, 500);
}

/**
 * The default {@link AiMetricsProducerService}: the ingest operation of the
 * ai-metrics contract, called with a service token of the plugin that owns
 * the instance.
 * @public
 */
export class DefaultAiMetricsProducerService
  implements AiMetricsProducerService
{
  private readonly logger: LoggerService;
  private readonly client;
  private readonly discovery: DiscoveryService;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    const { auth, discovery } = options;
    this.logger = options.logger;
    this.discovery = discovery;
    this.client = createApiClient(aiMetricsApiSpec, {
      discoveryApi: discovery,
      fetchApi: {
        // a token per request, as AuthService asks: one batch may wait out
        // a retry longer than a token lives
        async fetch(url, init) {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'ai-metrics',
          });
          return fetch(url, {
            ...init,
            headers: { ...init?.headers, authorization: `Bearer ${token}` },
          });
        },
      },
    });
  }

  async send(events: AiMetricsProducerEvent[]): Promise<AiMetricsSendResult> {
    const result = { accepted: 0, duplicates: 0, dropped: 0 };
    const now = new Date().toISOString();
    for (let i = 0; i < events.length; i += BATCH) {
      const batch = events
        .slice(i, i + BATCH)
        .map(e => ({ ...e, timestamp: e.timestamp ?? now }));
      try {
        const stored = await this.client.ingestEvents({
          body: { events: batch },
        });
        result.accepted += stored.accepted;
        result.duplicates += stored.duplicates;
      } catch (error) {
        if (!(error instanceof ResponseError)) throw error;
        if (error.statusCode === 403) {
          // the plugin may not send these models (aiMetrics.ingest.producers):
          // the same batch would be refused alike, and the caller's own work
          // is done
          this.logger.warn(
            `ai-metrics refused ${batch.length} metric event(s): ${reason(
              error,
            )}`,
          );
          result.dropped += batch.length;
          continue;
        }
        if (error.statusCode === 404) {
          // nothing answers for ai-metrics where discovery points: not
          // installed there, or this process resolves it to itself (a
          // worker-only process without discovery.endpoints). Never drop:
          // the caller fails and sends the same events again later.
          const message = `ai-metrics answered 404 at ${await this.ingestUrl()}: ${
            batch.length
          } metric event(s) not stored, to be sent again. Install the ai-metrics backend plugin there, or, in a process that does not host it (a worker-only process), set discovery.endpoints for ai-metrics to a backend that does`;
          this.logger.error(message);
          // a dependency away, as seen by the caller's own caller (503)
          throw new ServiceUnavailableError(message);
        }
        throw new Error(
          `ai-metrics refused ${batch.length} event(s): ${reason(error)}`,
        );
      }
    }
    return result;
  }

  private async ingestUrl() {
    return `${await this.discovery.getBaseUrl('ai-metrics')}/events`;
  }
}
