import type { aiMetricsApiSpec } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import type { AiMetricsProducerService } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { ApiClient } from '@ai-ops-console/console-common';
import { DEMO_MODELS } from '../demoContent';
import { demoTraffic } from '../demoTraffic';
import { DemoPart } from './DemoPart';

/**
 * A day of calls of the two demo models, sent through ai-metrics' ingest
 * API as any producer sends (the plugin's own service token, which
 * aiMetrics.ingest.producers must allow): stored, deduplicated and rolled
 * up by ai-metrics itself.
 */
export class DemoMetrics implements DemoPart {
  readonly name = 'metrics';

  constructor(
    private readonly deps: {
      aiMetrics: ApiClient<(typeof aiMetricsApiSpec)['operations']>;
      producer: AiMetricsProducerService;
      now?: () => number;
    },
  ) {}

  async isEmpty() {
    const { items } = await this.deps.aiMetrics.listModels();
    return items.length === 0;
  }

  async seed() {
    const events = demoTraffic({ now: (this.deps.now ?? Date.now)() });
    const sent = await this.deps.producer.send(events);
    if (sent.dropped > 0) {
      throw new Error(
        `ai-metrics refused ${
          sent.dropped
        } demo event(s): let plugin:console-demo send ${DEMO_MODELS.join(
          ' and ',
        )} in aiMetrics.ingest.producers`,
      );
    }
    return `sent ${events.length} events of ${DEMO_MODELS.join(', ')} (${
      sent.accepted
    } new, ${sent.duplicates} already stored)`;
  }
}
