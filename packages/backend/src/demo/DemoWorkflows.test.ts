import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import aiMetricsPlugin from '@ai-ops-console/backstage-plugin-ai-metrics-backend';
import workflowsPlugin from '@ai-ops-console/backstage-plugin-workflows-backend';
import { Connection } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  demoDatabases,
  pluginDatabases,
  startDemoBackend,
} from './__testUtils__/backend';
import { DemoExecution, demoWorkflowPlan } from './demoWorkflows';
import { workflowsModuleDemoModel } from './modules';

// The demo's executions started through the real workflows API on the
// Temporal dev server (TEMPORAL_ADDRESS), in a namespace of their own, run
// by the console's worker in the same backend, recording their metrics into
// the real ai-metrics plugin.
jest.setTimeout(300_000);

const databases = demoDatabases(['SQLITE_3']);
const address = process.env.TEMPORAL_ADDRESS;

// the same executions, with deadlines of seconds for the promotions that
// end by expiring (minutes in the demo itself)
const plan: DemoExecution[] = demoWorkflowPlan().map(e =>
  e.type === 'modelPromotion' && e.expect === 'finished'
    ? { ...e, input: { ...e.input, decisionTimeout: '3s' } }
    : e,
);

async function eventually<T>(ask: () => Promise<T>, ok: (t: T) => boolean) {
  const deadline = Date.now() + 150_000;
  let answer = await ask();
  while (!ok(answer) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 500));
    answer = await ask();
  }
  return answer;
}

describe('the demo workflows', () => {
  let connection: Connection;
  let namespace: string;

  beforeAll(async () => {
    if (!address) throw new Error('TEMPORAL_ADDRESS must point at Temporal');
    connection = await Connection.connect({ address });
    namespace = `console-demo-test-${randomUUID()}`;
    await connection.workflowService.registerNamespace({
      namespace,
      // protobufjs takes a number where it types a Long
      workflowExecutionRetentionPeriod: {
        seconds: 86_400 as unknown as NonNullable<
          google.protobuf.IDuration['seconds']
        >,
      },
    });
    // what an operator creates once per namespace (the operator guide)
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: {
        ConsoleStartedBy:
          temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      },
    });
    // a new namespace takes a few seconds to answer visibility queries
    await eventually(
      () =>
        connection.workflowService.countWorkflowExecutions({ namespace }).then(
          () => true,
          () => false,
        ),
      ready => ready,
    );
  });

  afterAll(async () => {
    await connection?.operatorService
      .deleteNamespace({ namespace })
      .catch(() => undefined);
    await connection?.close();
  });

  async function start(knex: Map<string, Knex>) {
    const demo = await startDemoBackend({
      databases: knex,
      plan,
      features: [
        workflowsPlugin,
        workflowsModuleDemoModel,
        aiMetricsPlugin,
        catalogServiceMock.factory({ entities: [] }),
      ],
      config: {
        workflows: {
          temporal: { address, namespace, taskQueue: `demo-${randomUUID()}` },
          liveUpdates: { enabled: false },
        },
        console: { demoData: { enabled: true, modelLatencyMs: 300 } },
        aiMetrics: {
          ingest: {
            producers: [
              {
                subject: 'plugin:workflows',
                models: ['local-sentiment', 'keyword-sentiment'],
              },
              {
                subject: 'plugin:console-demo',
                models: ['local-sentiment', 'keyword-sentiment'],
              },
            ],
          },
        },
      },
    });
    const call = async (path: string, body?: object) => {
      const auth = await demo.authorization(path.split('/')[2]);
      const req = body
        ? request(demo.backend.server).post(path).send(body)
        : request(demo.backend.server).get(path);
      return (await req.set('Authorization', auth)).body;
    };
    return { ...demo, call };
  }

  it('starts finished and running executions of each type once, run by the console worker', async () => {
    const knex = await pluginDatabases(databases, 'SQLITE_3', [
      'workflows',
      'ai-metrics',
    ]);
    const demo = await start(knex);
    const describe = (id: string) =>
      demo.call(`/api/workflows/executions/${id}`);
    try {
      await demo.seeder.run();

      // right after the start: the slow model's runs and the promotion
      // waiting for a decision are running
      for (const e of plan.filter(p => p.expect === 'running')) {
        expect([e.workflowId, (await describe(e.workflowId)).status]).toEqual([
          e.workflowId,
          'Running',
        ]);
      }
      // the others finish on their own; the promotions by their deadline
      const finished = plan.filter(p => p.expect === 'finished');
      const outcomes = [];
      for (const e of finished) {
        const done = await eventually(
          () => describe(e.workflowId),
          d => d.status !== 'Running',
        );
        outcomes.push([e.workflowId, done.status, done.result?.outcome]);
      }
      expect(outcomes).toEqual(
        finished.map(e => [
          e.workflowId,
          'Completed',
          e.type === 'modelPromotion' ? 'expired' : undefined,
        ]),
      );
      const local = await describe('demo-evaluation-local-sentiment-v1');
      expect(local.result).toMatchObject({ items: 40, version: 'v1' });

      // the promotion waits for someone to approve it
      const state = await demo.call(
        '/api/workflows/executions/demo-promotion-local-sentiment-v2/query',
        { name: 'state' },
      );
      expect(state.result).toMatchObject({
        stage: 'awaiting-decision',
        toVersion: 'v2',
      });

      // the evaluations' accuracy reaches ai-metrics beside the demo's day
      const now = new Date();
      const compare = await demo.call(
        `/api/ai-metrics/compare?model=local-sentiment&version=v1&version=v2&from=${new Date(
          now.getTime() - 86_400_000,
        ).toISOString()}&to=${new Date(now.getTime() + 60_000).toISOString()}`,
      );
      expect(compare.items.map((i: any) => i.version)).toEqual(['v1', 'v2']);
      for (const item of compare.items) {
        expect(item.summary.accuracy).toBeCloseTo(local.result.accuracy, 10);
      }

      // a second run starts nothing
      await demo.seeder.run();
      const counts = await demo.call('/api/workflows/executions/counts');
      expect(counts.total).toBe(plan.length);
    } finally {
      await demo.backend.stop();
    }

    // a restart that lost the backend's own database (SQLite in memory)
    // finds Temporal's executions and starts none
    const fresh = await pluginDatabases(databases, 'SQLITE_3', [
      'workflows',
      'ai-metrics',
    ]);
    const restarted = await start(fresh);
    try {
      await restarted.seeder.run();
      const counts = await restarted.call('/api/workflows/executions/counts');
      expect(counts.total).toBe(plan.length);
      const running = plan.filter(p => p.expect === 'running');
      for (const e of running) {
        await restarted.call(
          `/api/workflows/executions/${e.workflowId}/terminate`,
          { reason: 'test done' },
        );
      }
    } finally {
      await restarted.backend.stop();
    }
  });
});
