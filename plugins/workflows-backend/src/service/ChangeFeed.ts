import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  WorkflowExecutionSummary,
  WorkflowsChangedMessage,
  WORKFLOWS_SIGNAL_CHANNEL,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { TemporalService } from './TemporalService';
import { summaryFromRaw } from './temporalConvert';
import { quote } from './visibility';
import { WorkflowMetrics } from './WorkflowMetrics';

const OVERLAP_MS = 5_000;
const SEEN_TTL_MS = 10 * 60_000;
const MAX_PAGES = 10;

/** An execution that started or closed; kept in the backend. */
export type ExecutionChange = Pick<
  WorkflowExecutionSummary,
  'workflowId' | 'runId' | 'status'
>;

/**
 * Finds executions that started or closed since the last poll, through
 * visibility, and tells connected browsers that something changed: one
 * message per poll that found changes, naming none of them (see
 * {@link WorkflowsChangedMessage}). It also feeds the outcome metrics. Runs
 * on one replica at a time (a global scheduler task), every second.
 */
export class ChangeFeed {
  private readonly temporal: TemporalService;
  private readonly signals: Pick<SignalsService, 'publish'>;
  private readonly metrics: WorkflowMetrics;
  private readonly logger: LoggerService;
  private watermark: number;
  private readonly seen = new Map<string, number>();

  constructor(options: {
    temporal: TemporalService;
    signals: Pick<SignalsService, 'publish'>;
    metrics: WorkflowMetrics;
    logger: LoggerService;
    now?: number;
  }) {
    this.temporal = options.temporal;
    this.signals = options.signals;
    this.metrics = options.metrics;
    this.logger = options.logger;
    this.watermark = options.now ?? Date.now();
  }

  /** One poll; returns the changes it found. */
  async poll(): Promise<ExecutionChange[]> {
    const pollStarted = Date.now();
    const since = new Date(this.watermark - OVERLAP_MS).toISOString();
    // SQL visibility stores a far-future CloseTime for running executions:
    // only closed ones may match on it
    const query =
      `StartTime >= ${quote(since)} OR ` +
      `(CloseTime >= ${quote(since)} AND ExecutionStatus != 'Running')`;
    const { namespace } = this.temporal.settings;
    const service = this.temporal.getClient().workflowService;
    const changes: ExecutionChange[] = [];
    let pageToken: Uint8Array | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await service.listWorkflowExecutions({
        namespace,
        query,
        pageSize: 1000,
        nextPageToken: pageToken,
      });
      for (const raw of response.executions ?? []) {
        const summary = summaryFromRaw(raw);
        const key = `${summary.runId}:${summary.status}`;
        if (this.seen.has(key)) continue;
        this.seen.set(key, pollStarted);
        if (summary.status === 'Running') {
          this.metrics.observeStarted(summary.type);
        } else if (summary.closeTime) {
          this.metrics.observeClosed(
            summary.type,
            summary.status,
            (Date.parse(summary.closeTime) - Date.parse(summary.startTime)) /
              1000,
          );
        }
        changes.push({
          workflowId: summary.workflowId,
          runId: summary.runId,
          status: summary.status,
        });
      }
      pageToken = response.nextPageToken?.length
        ? response.nextPageToken
        : undefined;
      if (!pageToken) break;
    }
    if (changes.length > 0) {
      await this.signals.publish<WorkflowsChangedMessage>({
        recipients: { type: 'broadcast' },
        channel: WORKFLOWS_SIGNAL_CHANNEL,
        message: { changed: true },
      });
    }
    this.watermark = pollStarted;
    for (const [key, at] of this.seen) {
      if (pollStarted - at > SEEN_TTL_MS) this.seen.delete(key);
    }
    if (changes.length > 0) {
      this.logger.debug(
        `told browsers of ${changes.length} workflow change(s)`,
      );
    }
    return changes;
  }
}
