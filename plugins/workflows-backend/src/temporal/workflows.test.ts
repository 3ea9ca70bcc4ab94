import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { activityInfo } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities, ConsoleMetricEvent } from './activities';
import { ModelRegistry } from './models/ModelRegistry';
import { builtInWorkflowsPath } from './builtInTypes';
import {
  approveSignal,
  batchProgressQuery,
  PromotionDecision,
  promotionStateQuery,
  rejectSignal,
} from './workflows/definitions';
import {
  STARTED_BY_ATTRIBUTE,
  startedByKey,
} from './workflows/searchAttributes';

// Runs the built-in workflows in a real worker against the real Temporal dev
// server that scripts/test.sh starts (TEMPORAL_ADDRESS).
const address = process.env.TEMPORAL_ADDRESS!;
jest.setTimeout(60_000);

describe('built-in workflows', () => {
  const taskQueue = `test-workflows-${randomUUID()}`;
  const recorded: ConsoleMetricEvent[] = [];
  /** Workflows whose activities fail once, right after recording. */
  const failFirstAttemptOf = new Set<string>();
  let connection: Connection;
  let client: Client;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    if (!address)
      throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
    connection = await Connection.connect({ address });
    client = new Client({ connection, namespace: 'default' });
    await registerStartedBy(connection);
    nativeConnection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowsPath: builtInWorkflowsPath(),
      activities: createActivities({
        models: ModelRegistry.fromConfig(new ConfigReader({})),
        metrics: {
          async record(events) {
            const { attempt, workflowExecution } = activityInfo();
            // which attempt recorded what, for the retry test
            recorded.push(
              ...events.map(e => ({
                ...e,
                labels: { ...e.labels, attempt: String(attempt) },
              })),
            );
            if (
              attempt === 1 &&
              failFirstAttemptOf.has(workflowExecution?.workflowId ?? '')
            ) {
              throw new Error('the activity fails after recording');
            }
          },
        },
        logger: mockServices.logger.mock(),
      }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
  });

  const start = (type: string, input: unknown) =>
    client.workflow.start(type, {
      taskQueue,
      workflowId: `${type}-${randomUUID()}`,
      args: [input],
    });

  it('modelEvaluation measures accuracy and latency and records metrics', async () => {
    const handle = await start('modelEvaluation', {
      model: 'local-sentiment',
      dataset: 'sentiment-small',
      batchSize: 15,
    });
    const result = await handle.result();
    expect(result).toMatchObject({
      model: 'local-sentiment',
      version: 'default',
      dataset: 'sentiment-small',
      items: 40,
    });
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(result.correct).toBe(Math.round(result.accuracy * 40));
    expect(result.latencyMs.p95).toBeGreaterThanOrEqual(result.latencyMs.p50);
    expect(result.inputTokens).toBeGreaterThan(40);

    const mine = recorded.filter(e =>
      e.id.startsWith(`${handle.firstExecutionRunId}:`),
    );
    // one event per item and one for the accuracy, ids unique
    expect(mine).toHaveLength(41);
    expect(new Set(mine.map(e => e.id)).size).toBe(41);
    const accuracy = mine.find(e => e.id.endsWith(':accuracy'))!;
    expect(accuracy).toMatchObject({
      operation: 'evaluation',
      score: result.accuracy,
      labels: {
        dataset: 'sentiment-small',
        workflow_id: handle.workflowId,
        workflow_run_id: handle.firstExecutionRunId,
      },
    });
  });

  it('modelEvaluation run again under the same workflow id records the new run too, each run under its own ids', async () => {
    const workflowId = `nightly-eval-${randomUUID()}`;
    const runs: Array<{ runId: string; ids: string[] }> = [];
    for (let run = 0; run < 2; run++) {
      const from = recorded.length;
      const handle = await client.workflow.start('modelEvaluation', {
        taskQueue,
        workflowId,
        args: [
          { model: 'local-sentiment', dataset: 'sentiment-small', limit: 5 },
        ],
      });
      await handle.result();
      runs.push({
        runId: handle.firstExecutionRunId,
        ids: recorded.slice(from).map(e => e.id),
      });
    }
    const [first, second] = runs;
    expect(first.runId).not.toBe(second.runId);
    // five items and the accuracy, each run
    expect(first.ids).toHaveLength(6);
    expect(second.ids).toHaveLength(6);
    // ai-metrics counts an id once: the second run must not reuse the first's
    expect(second.ids.filter(id => first.ids.includes(id))).toEqual([]);
  });

  it('an activity retried after it recorded records the same ids again, so ai-metrics counts them once', async () => {
    const workflowId = `flaky-recorder-${randomUUID()}`;
    failFirstAttemptOf.add(workflowId);
    const from = recorded.length;
    const handle = await client.workflow.start('batchInference', {
      taskQueue,
      workflowId,
      args: [
        {
          model: 'local-sentiment',
          items: ['great work', 'awful outage'],
          chunkSize: 2,
        },
      ],
    });
    await handle.result();
    const attempt = (n: number) =>
      recorded
        .slice(from)
        .filter(e => e.labels?.attempt === String(n))
        .map(e => e.id);
    expect(attempt(1)).toHaveLength(2);
    expect(attempt(2)).toEqual(attempt(1));
  });

  it('modelEvaluation fails without retrying for an unknown model', async () => {
    const handle = await start('modelEvaluation', {
      model: 'no-such-model',
      dataset: 'sentiment-small',
    });
    const error = await handle.result().catch(e => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(String(error.cause?.cause?.message ?? error.cause?.message)).toMatch(
      /unknown model "no-such-model"/,
    );
  });

  it('batchInference reports progress and completes', async () => {
    const items = ['great work', 'awful outage', 'fast and reliable'];
    const handle = await start('batchInference', {
      model: 'local-sentiment',
      items,
      chunkSize: 2,
    });
    const result = await handle.result();
    expect(result).toMatchObject({ total: 3, done: 3, failed: 0 });
    expect(result.results.map((r: any) => r.label)).toEqual([
      'positive',
      'negative',
      'positive',
    ]);
    // queries are answered after completion too
    await expect(handle.query(batchProgressQuery)).resolves.toMatchObject({
      done: 3,
    });
  });

  it('batchInference cancelled midway ends Canceled and keeps the finished part', async () => {
    const items = Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? `great release number ${i}` : `terrible outage number ${i}`,
    );
    const handle = await start('batchInference', {
      model: 'local-sentiment',
      items,
      chunkSize: 5,
    });
    // wait until some chunks are done
    for (;;) {
      const progress = await handle.query(batchProgressQuery);
      if (progress.done >= 20) break;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    const description = await handle.describe();
    expect(description.status.name).toBe('CANCELLED');
    const kept = await handle.query(batchProgressQuery);
    expect(kept.done).toBeGreaterThanOrEqual(20);
    expect(kept.done).toBeLessThan(2000);
    expect(kept.results).toHaveLength(kept.done);
    expect(kept.results[0]).toEqual({ index: 0, label: 'negative' });
  });

  it('modelPromotion promotes on approval and records who approved', async () => {
    const handle = await start('modelPromotion', {
      model: 'local-sentiment',
      toVersion: 'v2',
    });
    await expect(handle.query(promotionStateQuery)).resolves.toMatchObject({
      stage: 'awaiting-decision',
    });
    await handle.signal(approveSignal, {
      by: 'user:default/alice',
      comment: 'ok',
    });
    await expect(handle.result()).resolves.toEqual({
      outcome: 'promoted',
      model: 'local-sentiment',
      toVersion: 'v2',
      decidedBy: 'user:default/alice',
      comment: 'ok',
    });
    expect(
      recorded.find(e => e.id === `${handle.firstExecutionRunId}:promotion`),
    ).toMatchObject({ operation: 'promotion', version: 'v2' });
  });

  it('modelPromotion ends rejected on rejection; a later decision is refused', async () => {
    const handle = await start('modelPromotion', {
      model: 'local-sentiment',
      toVersion: 'v3',
    });
    await handle.signal(rejectSignal, {
      by: 'user:default/bob',
      comment: 'no',
    });
    await expect(handle.result()).resolves.toMatchObject({
      outcome: 'rejected',
      decidedBy: 'user:default/bob',
      comment: 'no',
    });
    await expect(
      handle.signal(approveSignal, { by: 'user:default/alice' }),
    ).rejects.toThrow(/completed|not found/i);
  });

  it('modelPromotion refuses a decision by its starter, or by no one, and waits for someone else', async () => {
    // as the console starts it: the starter in a search attribute
    const handle = await client.workflow.start('modelPromotion', {
      taskQueue,
      workflowId: `modelPromotion-${randomUUID()}`,
      args: [{ model: 'local-sentiment', toVersion: 'v5' }],
      typedSearchAttributes: [
        { key: startedByKey, value: 'user:default/olivia' },
      ],
    });
    // raw signals, past the console: the starter under any spelling, no one
    await handle.signal(approveSignal, { by: 'user:default/Olivia' });
    await handle.signal(rejectSignal, { by: 'user:default/olivia' });
    await handle.signal(approveSignal, {} as PromotionDecision);
    await expect(handle.query(promotionStateQuery)).resolves.toMatchObject({
      stage: 'awaiting-decision',
    });
    await handle.signal(approveSignal, {
      by: 'user:default/oscar',
      comment: 'checked',
    });
    await expect(handle.result()).resolves.toMatchObject({
      outcome: 'promoted',
      decidedBy: 'user:default/oscar',
      comment: 'checked',
    });
  });

  it('modelPromotion expires at its deadline without a decision', async () => {
    const handle = await start('modelPromotion', {
      model: 'local-sentiment',
      toVersion: 'v4',
      decisionTimeout: '2s',
    });
    await expect(handle.result()).resolves.toMatchObject({
      outcome: 'expired',
    });
  });
});

/** The search attribute the console registers before its first start. */
async function registerStartedBy(connection: Connection) {
  const { operatorService } = connection;
  const { customAttributes } = await operatorService.listSearchAttributes({
    namespace: 'default',
  });
  if (customAttributes?.[STARTED_BY_ATTRIBUTE] !== undefined) return;
  await operatorService
    .addSearchAttributes({
      namespace: 'default',
      searchAttributes: {
        [STARTED_BY_ATTRIBUTE]:
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      },
    })
    .catch(error => {
      // another test registered it meanwhile
      if (!/already exists/i.test(String(error?.message))) throw error;
    });
}
