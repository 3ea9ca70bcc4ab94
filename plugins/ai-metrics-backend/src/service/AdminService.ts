import { AiMetricsAdminStatus } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { AiMetricsStore, RetentionResult } from '../database/AiMetricsStore';
import { IngestService } from './IngestService';
import { RetentionService } from './RetentionService';

/** The admin view of the metrics store: sizes, retention, a retention run on demand. */
export class AdminService {
  private readonly store: AiMetricsStore;
  private readonly retention: RetentionService;
  private readonly ingest: IngestService;

  constructor(options: {
    store: AiMetricsStore;
    retention: RetentionService;
    ingest: IngestService;
  }) {
    this.store = options.store;
    this.retention = options.retention;
    this.ingest = options.ingest;
  }

  async status(): Promise<AiMetricsAdminStatus> {
    const stats = await this.store.stats();
    const periods = this.retention.periods;
    return {
      rows: {
        rawEvents: stats.rawEvents,
        minuteRollups: stats.minuteRollups,
        hourRollups: stats.hourRollups,
      },
      oldestRawEvent:
        stats.oldestRawEvent === null
          ? null
          : new Date(stats.oldestRawEvent).toISOString(),
      retentionSeconds: {
        rawEvents: periods.rawEventsMs / 1000,
        minuteRollups: periods.minuteRollupsMs / 1000,
        hourRollups: periods.hourRollupsMs / 1000,
      },
      ingestBatchesInFlight: this.ingest.batchesInFlight,
    };
  }

  runRetention(): Promise<RetentionResult> {
    return this.retention.run();
  }
}
