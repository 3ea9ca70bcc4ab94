import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { WORKFLOWS_SIGNAL_CHANNEL } from '@ai-ops-console/backstage-plugin-workflows-common';
import { randomUUID } from 'node:crypto';
import { ChangeFeed } from './ChangeFeed';
import { TemporalService } from './TemporalService';
import { WorkflowMetrics } from './WorkflowMetrics';

// Against the real Temporal dev server (TEMPORAL_ADDRESS). No worker polls the
// task queue: executions stay Running until the test terminates them.
const address = process.env.TEMPORAL_ADDRESS!;

describe('ChangeFeed', () => {
  const temporal = TemporalService.fromConfig({
    config: new ConfigReader({ workflows: { temporal: { address } } }),
    logger: mockServices.logger.mock(),
  });
  afterAll(() => temporal.close());

  it('reports nothing for executions that started earlier and still run', async () => {
    const old = await temporal.getClient().workflow.start('modelPromotion', {
      taskQueue: `nobody-polls-${randomUUID()}`,
      workflowId: `feed-old-${randomUUID()}`,
      args: [{ model: 'm', toVersion: 'v1' }],
    });
    // a feed whose watermark is past the old start (and past its 5 s overlap)
    const published: any[] = [];
    const feed = new ChangeFeed({
      temporal,
      signals: { publish: async s => void published.push(s) },
      metrics: new WorkflowMetrics({ isRegisteredType: () => true }),
      logger: mockServices.logger.mock(),
      now: Date.now() + 6_000,
    });
    const changes = await feed.poll();
    expect(changes.map(c => c.workflowId)).not.toContain(old.workflowId);
    await old.terminate('test');
  });

  it('pushes only that something changed, once per poll, and counts outcomes', async () => {
    const published: any[] = [];
    const metrics = new WorkflowMetrics({ isRegisteredType: () => true });
    const feed = new ChangeFeed({
      temporal,
      signals: { publish: async s => void published.push(s) },
      metrics,
      logger: mockServices.logger.mock(),
    });
    const workflowId = `feed-${randomUUID()}`;
    const handle = await temporal.getClient().workflow.start('modelPromotion', {
      taskQueue: `nobody-polls-${randomUUID()}`,
      workflowId,
      args: [{ model: 'm', toVersion: 'v1' }],
    });

    /** Polls until a poll sees the execution in that status. */
    const pollUntil = async (status: string) => {
      for (let i = 0; i < 50; i++) {
        const before = published.length;
        const changes = await feed.poll();
        if (
          changes.some(c => c.workflowId === workflowId && c.status === status)
        ) {
          return published.slice(before);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      throw new Error(`no ${status} change of ${workflowId}`);
    };

    const started = await pollUntil('Running');
    const closed = await (async () => {
      await handle.terminate('test');
      return pollUntil('Terminated');
    })();

    // every signed-in browser gets the push, whatever it may read: it says
    // nothing of which execution changed, nor how
    for (const pushed of [started, closed]) {
      expect(pushed).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: WORKFLOWS_SIGNAL_CHANNEL,
          message: { changed: true },
        },
      ]);
    }
    const text = JSON.stringify(published);
    for (const secret of [
      workflowId,
      handle.firstExecutionRunId,
      'modelPromotion',
      'Running',
      'Terminated',
    ]) {
      expect(text).not.toContain(secret);
    }

    const exposition = await metrics.registry.metrics();
    expect(exposition).toMatch(
      /ai_console_workflow_executions_closed_total\{workflow_type="modelPromotion",status="Terminated"\} [1-9]/,
    );
  });
});
