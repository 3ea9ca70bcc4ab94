import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  AiMetricsProducerEvent,
  aiMetricsProducerServiceRef,
} from '@ai-ops-console/backstage-plugin-ai-metrics-node';

/**
 * The producer service of a test backend without the ai-metrics plugin: it
 * keeps what the workflows send. The default one would get a 404 from the
 * test backend, and a failed send fails the metrics activity (as it must in
 * production, where it means discovery points at the wrong place).
 */
export function recordingMetricsProducer() {
  const events: AiMetricsProducerEvent[] = [];
  const factory = createServiceFactory({
    service: aiMetricsProducerServiceRef,
    deps: {},
    factory: () => ({
      async send(batch: AiMetricsProducerEvent[]) {
        events.push(...batch);
        return { accepted: batch.length, duplicates: 0, dropped: 0 };
      },
    }),
  });
  return { factory, events };
}
