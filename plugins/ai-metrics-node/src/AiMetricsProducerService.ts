import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type {
  AiMetricEventInput,
  AiMetricsIngestResult,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { DefaultAiMetricsProducerService } from './DefaultAiMetricsProducerService';

/**
 * One metric event as a producer hands it over: the ingest schema's event
 * (`aiMetricEventSchema`), with `timestamp` defaulting to the time of
 * sending.
 * @public
 */
export type AiMetricsProducerEvent = Omit<AiMetricEventInput, 'timestamp'> & {
  timestamp?: string;
};

/**
 * What became of the events of one `send`.
 * @public
 */
export type AiMetricsSendResult = AiMetricsIngestResult & {
  /**
   * Events not stored and not worth sending again: their model is not one
   * `aiMetrics.ingest.producers` lets this plugin send (403, a decision of
   * the operator's). Logged as a warning.
   */
  dropped: number;
};

/**
 * Sends metric events to the ai-metrics plugin's ingest API
 * (`POST /api/ai-metrics/events`) as the calling plugin: with its own service
 * token, so that ai-metrics sees the subject `plugin:<pluginId>` and lets it
 * send the models `aiMetrics.ingest.producers` lists for it.
 * @public
 */
export interface AiMetricsProducerService {
  /**
   * Sends the events in batches and resolves once every batch is stored or
   * dropped (403). Rejects on anything else: a bad event, 429, 503, no
   * answer, or 404 (ai-metrics is not where discovery points: logged as an
   * error naming `discovery.endpoints`). Send the same events again later,
   * which is safe, as event ids make a retry count once.
   */
  send(events: AiMetricsProducerEvent[]): Promise<AiMetricsSendResult>;
}

/**
 * The {@link AiMetricsProducerService} of the plugin that depends on it.
 * @public
 */
export const aiMetricsProducerServiceRef =
  createServiceRef<AiMetricsProducerService>({
    id: 'ai-metrics.producer',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          logger: coreServices.logger,
        },
        factory: deps => new DefaultAiMetricsProducerService(deps),
      }),
  });
