import { mockServices } from '@backstage/backend-test-utils';
import { WORKFLOWS_SIGNAL_CHANNEL } from '@ai-ops-console/backstage-plugin-workflows-common';
import { randomUUID } from 'node:crypto';
import { feedDatabases } from '../__testUtils__/databases';
import { ChangeFeedStore } from '../database/ChangeFeedStore';
import { ChangeFeed, ExecutionChange } from './ChangeFeed';
import { testTemporal } from './__testUtils__/temporal';
import { WorkflowMetrics } from './WorkflowMetrics';

// Against the real Temporal dev server (TEMPORAL_ADDRESS) and the plugin's
// real store. No worker polls the task queue: executions stay Running until
// the test terminates them. Each test starts its executions under a type
// name of its own, so that the counters show only them although other tests
// run executions in the same namespace.
jest.setTimeout(60_000);

/** A little more than the feed's overlap: what a feed starting now misses. */
const PAST_OVERLAP_MS = 6_500;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const { ids, create } = feedDatabases();
const temporal = testTemporal();
afterAll(() => temporal.close());

/** The feed as one replica runs it: its own counters and signal sink. */
function replica(options: { store: ChangeFeedStore; type: string }) {
  const published: unknown[] = [];
  const metrics = new WorkflowMetrics({
    isRegisteredType: t => t === options.type,
  });
  const feed = new ChangeFeed({
    temporal,
    store: options.store,
    signals: { publish: async s => void published.push(s) },
    metrics,
    logger: mockServices.logger.mock(),
  });
  /** Counter values of the test's type, as this replica exposes them. */
  const counted = async () => {
    const value = async (name: string, status?: string) => {
      const metric = await metrics.registry.getSingleMetricAsString(name);
      const series = `{workflow_type="${options.type}"${
        status ? `,status="${status}"` : ''
      }}`;
      const line = metric.split('\n').find(l => l.startsWith(name + series));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    return {
      started: await value('ai_console_workflow_executions_started_total'),
      terminated: await value(
        'ai_console_workflow_executions_closed_total',
        'Terminated',
      ),
    };
  };
  /** One poll, checking that it pushed once if it found anything, else not. */
  const poll = async (): Promise<ExecutionChange[]> => {
    const before = published.length;
    const changes = await feed.poll();
    expect(published.length - before).toBe(changes.length > 0 ? 1 : 0);
    return changes;
  };
  return { poll, counted, published };
}

function executions(type: string) {
  const handles: Array<{ workflowId: string; runId: string }> = [];
  return {
    handles,
    async start() {
      const handle = await temporal.getClient().workflow.start(type, {
        taskQueue: temporal.settings.taskQueue,
        workflowId: `feed-${randomUUID()}`,
      });
      const started = {
        workflowId: handle.workflowId,
        runId: handle.firstExecutionRunId,
      };
      handles.push(started);
      return started;
    },
    terminateAll: () =>
      Promise.all(
        handles.map(h =>
          temporal.getClient().workflow.getHandle(h.workflowId).terminate(),
        ),
      ),
  };
}

describe.each(ids)('ChangeFeed on %p', databaseId => {
  const type = () => `feedTest_${randomUUID().replace(/-/g, '')}`;

  it('starts from now on its first start: an execution that started earlier and still runs is neither reported nor counted', async () => {
    const { store } = await create(databaseId);
    const workflowType = type();
    const runs = executions(workflowType);
    const old = await runs.start();
    await sleep(PAST_OVERLAP_MS);

    const first = replica({ store, type: workflowType });
    const changes = await first.poll();
    expect(changes.map(c => c.runId)).not.toContain(old.runId);
    expect(await first.counted()).toEqual({ started: 0, terminated: 0 });
    await runs.terminateAll();
  });

  it('counts each start and close once in total when two replicas sharing the database poll in turns', async () => {
    const { store } = await create(databaseId);
    const workflowType = type();
    const replicas = [
      replica({ store, type: workflowType }),
      replica({ store, type: workflowType }),
    ];
    let turn = 0;
    const pollInTurns = () => replicas[turn++ % 2].poll();
    const total = async () => {
      const [a, b] = await Promise.all(replicas.map(r => r.counted()));
      return {
        started: a.started + b.started,
        terminated: a.terminated + b.terminated,
      };
    };
    /** Polls in turns until the totals reach these, or fails. */
    const pollUntil = async (expected: {
      started: number;
      terminated: number;
    }) => {
      for (let i = 0; i < 100; i++) {
        await pollInTurns();
        if (JSON.stringify(await total()) === JSON.stringify(expected)) return;
        await sleep(100);
      }
      throw new Error(`totals ${JSON.stringify(await total())}`);
    };

    await pollInTurns(); // the cursor, as the scheduler's first run sets it
    const runs = executions(workflowType);
    const mine = await Promise.all([runs.start(), runs.start(), runs.start()]);
    await pollUntil({ started: 3, terminated: 0 });
    await runs.terminateAll();
    await pollUntil({ started: 3, terminated: 3 });

    // both replicas now poll windows that contain every start and close
    // again (the feed looks 5 s back): none is reported or counted twice
    const again: ExecutionChange[] = [];
    for (let i = 0; i < 10; i++) {
      again.push(...(await pollInTurns()));
      await sleep(100);
    }
    const runIds = mine.map(m => m.runId);
    expect(again.filter(c => runIds.includes(c.runId))).toEqual([]);
    expect(await total()).toEqual({ started: 3, terminated: 3 });
  });

  it('resumes on another replica from the shared cursor and sees what closed while no replica polled', async () => {
    const { store } = await create(databaseId);
    const workflowType = type();
    const first = replica({ store, type: workflowType });
    await first.poll();
    const runs = executions(workflowType);
    const run = await runs.start();
    const seen: ExecutionChange[] = [];
    for (let i = 0; i < 50 && !seen.some(c => c.runId === run.runId); i++) {
      seen.push(...(await first.poll()));
      await sleep(100);
    }
    expect(seen).toContainEqual({ ...run, status: 'Running' });

    // the first replica stops; the run closes, and the task moves to
    // another replica only after more than the overlap
    await runs.terminateAll();
    await sleep(PAST_OVERLAP_MS);
    const second = replica({ store, type: workflowType });
    const changes = await second.poll();

    expect(changes.filter(c => c.runId === run.runId)).toEqual([
      { ...run, status: 'Terminated' },
    ]);
    expect(await first.counted()).toEqual({ started: 1, terminated: 0 });
    expect(await second.counted()).toEqual({ started: 0, terminated: 1 });
  });

  it('pushes only that something changed, naming nothing', async () => {
    const { store } = await create(databaseId);
    const workflowType = type();
    const feed = replica({ store, type: workflowType });
    await feed.poll();
    const runs = executions(workflowType);
    const run = await runs.start();
    await runs.terminateAll();
    for (let i = 0; i < 50; i++) {
      const changes = await feed.poll();
      if (changes.some(c => c.runId === run.runId)) break;
      await sleep(100);
    }
    expect(await feed.counted()).toEqual({ started: 1, terminated: 1 });

    // every signed-in browser gets the push, whatever it may read: it says
    // nothing of which execution changed, nor how
    expect(feed.published).toContainEqual({
      recipients: { type: 'broadcast' },
      channel: WORKFLOWS_SIGNAL_CHANNEL,
      message: { changed: true },
    });
    const text = JSON.stringify(feed.published);
    for (const secret of [
      run.workflowId,
      run.runId,
      workflowType,
      'Running',
      'Terminated',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
