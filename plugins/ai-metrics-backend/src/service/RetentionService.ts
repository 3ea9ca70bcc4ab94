import { LoggerService } from '@backstage/backend-plugin-api';
import { AiMetricsStore, RetentionResult } from '../database/AiMetricsStore';

/**
 * Deletes raw events and rollups past their retention. Runs as a scheduled
 * task (one replica at a time) and on demand from the admin route.
 */
export class RetentionService {
  private readonly store: AiMetricsStore;
  private readonly logger: LoggerService;
  private readonly retention: {
    rawEventsMs: number;
    minuteRollupsMs: number;
    hourRollupsMs: number;
  };
  private readonly now: () => number;

  constructor(options: {
    store: AiMetricsStore;
    logger: LoggerService;
    retention: {
      rawEventsMs: number;
      minuteRollupsMs: number;
      hourRollupsMs: number;
    };
    now?: () => number;
  }) {
    this.store = options.store;
    this.logger = options.logger;
    this.retention = options.retention;
    this.now = options.now ?? Date.now;
  }

  /** The retention periods in milliseconds. */
  get periods() {
    return { ...this.retention };
  }

  async run(): Promise<RetentionResult> {
    const now = this.now();
    const deleted = await this.store.deleteExpired({
      rawEventsBefore: now - this.retention.rawEventsMs,
      minuteRollupsBefore: now - this.retention.minuteRollupsMs,
      hourRollupsBefore: now - this.retention.hourRollupsMs,
    });
    this.logger.info(
      `ai-metrics retention deleted ${deleted.rawEvents} raw events, ${deleted.minuteRollups} minute and ${deleted.hourRollups} hour rollups`,
    );
    return deleted;
  }
}
