import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  WorkflowExecutionSummary,
  WorkflowsChangedMessage,
  WORKFLOWS_SIGNAL_CHANNEL,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { ChangeFeedStore, FeedObservation } from '../database/ChangeFeedStore';
import { TemporalService } from './TemporalService';
import { summaryFromRaw } from './temporalConvert';
import { quote } from './visibility';
import { WorkflowMetrics } from './WorkflowMetrics';

/** How far before its cursor each poll looks again, for visibility's lag. */
const OVERLAP_MS = 5_000;
/**
 * How long a claim is kept behind the cursor: far longer than the overlap
 * and than the clock skew between replicas and Temporal, so that no poll
 * can see again what a pruned claim covered.
 */
const CLAIM_TTL_MS = 10 * 60_000;
const MAX_PAGES = 10;
const PAGE_SIZE = 1000;

const claimKey = (o: FeedObservation) => `${o.runId}\n${o.status}`;

/** An execution that started or closed; kept in the backend. */
export type ExecutionChange = Pick<
  WorkflowExecutionSummary,
  'workflowId' | 'runId' | 'status'
>;

/**
 * Finds executions that started or closed since the last poll, through
 * visibility, and tells connected browsers that something changed: one
 * message per poll that found changes, naming none of them (see
 * {@link WorkflowsChangedMessage}). It also feeds the outcome metrics.
 *
 * Runs on one replica at a time (a global scheduler task, every second),
 * but the task moves between replicas: the cursor and what was already
 * counted are in the store, so a poll on any replica resumes where the last
 * one stopped and counts each start and close exactly once over all of them.
 */
export class ChangeFeed {
  private readonly temporal: TemporalService;
  private readonly store: ChangeFeedStore;
  private readonly signals: Pick<SignalsService, 'publish'>;
  private readonly metrics: WorkflowMetrics;
  private readonly logger: LoggerService;

  constructor(options: {
    temporal: TemporalService;
    store: ChangeFeedStore;
    signals: Pick<SignalsService, 'publish'>;
    metrics: WorkflowMetrics;
    logger: LoggerService;
  }) {
    this.temporal = options.temporal;
    this.store = options.store;
    this.signals = options.signals;
    this.metrics = options.metrics;
    this.logger = options.logger;
  }

  /** One poll; returns the changes that this poll was the first to see. */
  async poll(): Promise<ExecutionChange[]> {
    const pollStarted = Date.now();
    const { namespace } = this.temporal.settings;
    // a feed that never ran has nothing to catch up on
    const watermark =
      (await this.store.readCursor({ namespace })) ?? pollStarted;
    const since = watermark - OVERLAP_MS;
    const found = await this.list(new Date(since).toISOString());

    // what this poll saw happen, by claim: a run first seen closed may have
    // started within the window too; one that started before it was
    // counted then, or before the feed ran
    const seen = new Map<
      string,
      ExecutionChange & { summary: WorkflowExecutionSummary }
    >();
    const see = (
      summary: WorkflowExecutionSummary,
      status: ExecutionChange['status'],
    ) =>
      seen.set(claimKey({ runId: summary.runId, status }), {
        workflowId: summary.workflowId,
        runId: summary.runId,
        status,
        summary,
      });
    for (const summary of found.values()) {
      if (Date.parse(summary.startTime) >= since) see(summary, 'Running');
      if (summary.status !== 'Running') see(summary, summary.status);
    }
    const claimed = await this.store.claim({
      observations: [...seen.values()].map(({ runId, status }) => ({
        runId,
        status,
      })),
      at: pollStarted,
    });

    const changes: ExecutionChange[] = [];
    for (const claim of claimed) {
      const { summary, ...change } = seen.get(claimKey(claim))!;
      if (change.status === 'Running') {
        this.metrics.observeStarted(summary.type);
      } else {
        this.metrics.observeClosed(
          summary.type,
          change.status,
          (Date.parse(summary.closeTime ?? '') -
            Date.parse(summary.startTime)) /
            1000,
        );
      }
      changes.push(change);
    }
    if (changes.length > 0) {
      await this.signals.publish<WorkflowsChangedMessage>({
        recipients: { type: 'broadcast' },
        channel: WORKFLOWS_SIGNAL_CHANNEL,
        message: { changed: true },
      });
      this.logger.debug(
        `told browsers of ${changes.length} workflow change(s)`,
      );
    }
    await this.store.advanceCursor({ namespace, at: pollStarted });
    await this.store.pruneClaims({ before: watermark - CLAIM_TTL_MS });
    return changes;
  }

  /** The executions that started or closed since then, by run id. */
  private async list(since: string) {
    // SQL visibility stores a far-future CloseTime for running executions:
    // only closed ones may match on it
    const query =
      `StartTime >= ${quote(since)} OR ` +
      `(CloseTime >= ${quote(since)} AND ExecutionStatus != 'Running')`;
    const { namespace } = this.temporal.settings;
    const service = this.temporal.getClient().workflowService;
    const found = new Map<string, WorkflowExecutionSummary>();
    let pageToken: Uint8Array | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await service.listWorkflowExecutions({
        namespace,
        query,
        pageSize: PAGE_SIZE,
        nextPageToken: pageToken,
      });
      for (const raw of response.executions ?? []) {
        const summary = summaryFromRaw(raw);
        found.set(summary.runId, summary);
      }
      pageToken = response.nextPageToken?.length
        ? response.nextPageToken
        : undefined;
      if (!pageToken) return found;
    }
    this.logger.warn(
      `more than ${MAX_PAGES * PAGE_SIZE} workflow changes since ${since}: ` +
        'the rest are neither pushed nor counted',
    );
    return found;
  }
}
