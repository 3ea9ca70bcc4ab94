import { test, expect } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  bearer,
  counterValue,
  getText,
  pidOf,
  Process,
  PROXY,
  REPLICAS,
  signInAs,
  waitUntil,
  withDatabase,
  WORKER,
} from './topology';

// The workflow outcome counters, as Prometheus reads them: every process of
// the topology exports its own (/api/workflows/metrics), and the sum across
// them must count each run once. The change feed that counts runs is a
// global scheduled task; the process that runs it keeps winning its claim
// for long stretches, so the test hands it over: it pauses that process
// (SIGSTOP) until another one has run the task, then lets it go on.
const PROCESSES = [...REPLICAS, WORKER];
const COMPLETED = {
  name: 'ai_console_workflow_executions_closed_total',
  labels: { workflow_type: 'modelEvaluation', status: 'Completed' },
};

/** When the change feed last finished a run, by any process. */
const lastFeedRun = () =>
  withDatabase('workflows', async db => {
    const { rows } = await db.query(
      "select last_run_ended_at from backstage_backend_tasks__tasks where id = 'workflows-change-feed'",
    );
    return new Date(rows[0]?.last_run_ended_at ?? 0).getTime();
  });

test('the workflow outcome counters count each run once across the processes, also when the change feed moves between them', async () => {
  const token = await signInAs('admin');
  const counts = async (processes: Process[] = PROCESSES) =>
    Promise.all(
      processes.map(async p =>
        counterValue(
          await getText(`${p.url}/api/workflows/metrics`, token),
          COMPLETED.name,
          COMPLETED.labels,
        ),
      ),
    );
  const sum = async () => (await counts()).reduce((a, b) => a + b, 0);

  const run = async () => {
    const res = await fetch(`${PROXY}/api/workflows/executions`, {
      method: 'POST',
      headers: bearer(token),
      body: JSON.stringify({
        type: 'modelEvaluation',
        input: {
          model: 'local-sentiment',
          dataset: 'sentiment-small',
          limit: 2,
        },
      }),
    });
    expect(res.status).toBe(201);
    const { workflowId } = await res.json();
    await waitUntil(async () => {
      const detail = await fetch(
        `${PROXY}/api/workflows/executions/${encodeURIComponent(workflowId)}`,
        { headers: bearer(token) },
      );
      return (await detail.json()).status === 'Completed';
    }, `${workflowId} to complete`);
  };

  // runs of earlier tests have been counted: the sum stands still
  let baseline = await sum();
  await waitUntil(async () => {
    await sleep(3_000);
    const now = await sum();
    const settled = now === baseline;
    baseline = now;
    return settled;
  }, 'the counters to settle');

  // one run; the process whose counter moved runs the feed now
  const before = await counts();
  await run();
  await waitUntil(
    async () => (await sum()) >= baseline + 1,
    'the first run to be counted',
    30_000,
  );
  const after = await counts();
  const feeder = PROCESSES[after.findIndex((n, i) => n > before[i])];

  // hand the feed over: pause that process until another one has run it
  const paused = Date.now();
  process.kill(pidOf(feeder.name), 'SIGSTOP');
  let handedOver = false;
  try {
    await waitUntil(
      async () => (await lastFeedRun()) > paused,
      `another process than ${feeder.name} to run the change feed`,
      40_000,
    );
    handedOver = true;
  } finally {
    process.kill(pidOf(feeder.name), 'SIGCONT');
  }
  expect(handedOver).toBe(true);

  // two more runs, then ten seconds of polls from whichever processes
  await run();
  await run();
  await waitUntil(
    async () => (await sum()) >= baseline + 3,
    'the runs to be counted',
    30_000,
  );
  await sleep(10_000);
  const final = await counts();
  const deltas = Object.fromEntries(
    PROCESSES.map((p, i) => [p.name, final[i] - before[i]]),
  );
  test.info().annotations.push({
    type: 'figures',
    description: `feed first on ${
      feeder.name
    }; counted per process: ${JSON.stringify(deltas)}`,
  });
  expect(
    final.reduce((a, b) => a + b, 0),
    `counted per process since the first run: ${JSON.stringify(deltas)}`,
  ).toBe(baseline + 3);
});
