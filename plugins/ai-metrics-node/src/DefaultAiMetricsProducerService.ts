import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  private warnedMissing = false;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    const { auth, discovery } = options;
    this.logger = options.logger;
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
          if (!this.warnedMissing) {
            this.logger.warn(
              'ai-metrics is not installed (404 from its ingest API); metric events are not recorded',
            );
            this.warnedMissing = true;
          }
          result.dropped += events.length - i;
          return result;
        }
        throw new Error(
          `ai-metrics refused ${batch.length} event(s): ${reason(error)}`,
        );
      }
    }
    return result;
  }
}
