import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAiMetricsProducerService } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { builtInWorkflowsPath } from '../builtInTypes';
import { ModelRegistry } from '../models/ModelRegistry';
import { AiMetricsRecorder } from './AiMetricsRecorder';
import { createActivities } from '.';
import { ConsoleMetricEvent } from './MetricsRecorder';

// What the workflows send to the ai-metrics ingest API for their events,
// over HTTP, to a stand-in that records the body. What the producer service
// does with each answer is tested in plugins/ai-metrics-node.

const event = (
  model: string,
  extra: Partial<ConsoleMetricEvent> = {},
): ConsoleMetricEvent => ({
  id: `run-1:${model}`,
  model,
  version: 'default',
  operation: 'classification',
  latencyMs: 5,
  success: true,
  labels: { workflow_id: 'eval-1', workflow_run_id: 'run-1' },
  ...extra,
});

describe('AiMetricsRecorder', () => {
  let server: Server;
  const received: any[] = [];

  beforeAll(async () => {
    const app = express();
    app.post('/api/ai-metrics/events', express.json(), (req, res) => {
      received.push(req.body);
      res.json({ accepted: req.body.events.length, duplicates: 0 });
    });
    server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterAll(() => server.close());

  function recorder() {
    const { port } = server.address() as AddressInfo;
    return new AiMetricsRecorder({
      producer: new DefaultAiMetricsProducerService({
        discovery: {
          getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
          getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
        },
        auth: mockServices.auth({ pluginId: 'workflows' }),
        logger: mockServices.logger.mock(),
      }),
    });
  }

  it('sends the events with their ids and labels as they are', async () => {
    received.length = 0;
    await recorder().record([event('local-sentiment')]);
    expect(received).toEqual([
      {
        events: [
          expect.objectContaining({
            id: 'run-1:local-sentiment',
            model: 'local-sentiment',
            labels: { workflow_id: 'eval-1', workflow_run_id: 'run-1' },
          }),
        ],
      },
    ]);
  });

  it('fills in what the ingest schema requires and refuses: provider, error type, a time, no negative latency', async () => {
    received.length = 0;
    await recorder().record([
      event('local-sentiment', { success: false, latencyMs: -0.5 }),
      event('remote', {
        success: true,
        errorType: 'ignored',
        provider: 'openai',
      }),
    ]);
    const [failed, succeeded] = received[0].events;
    expect(failed).toMatchObject({
      provider: 'ai-ops-console',
      success: false,
      errorType: 'error',
      latencyMs: 0,
    });
    expect(Date.parse(failed.timestamp)).not.toBeNaN();
    expect(succeeded).toMatchObject({ provider: 'openai', success: true });
    expect(succeeded).not.toHaveProperty('errorType');
  });

  it('sends nothing for no events', async () => {
    received.length = 0;
    await recorder().record([]);
    expect(received).toEqual([]);
  });
});

// A worker-only process whose discovery resolves ai-metrics to a backend
// that does not host it gets 404s: on the real Temporal dev server
// (TEMPORAL_ADDRESS), the evaluation's activities fail, Temporal retries
// them, and once ai-metrics answers every event is there; nothing dropped.
describe('AiMetricsRecorder in a workflow, when ai-metrics answers 404', () => {
  const address = process.env.TEMPORAL_ADDRESS;
  jest.setTimeout(60_000);

  it('fails the activity, which Temporal retries until ai-metrics answers, and loses no event', async () => {
    if (!address) throw new Error('TEMPORAL_ADDRESS must point at Temporal');
    // Backstage's answer for a plugin it does not host, for the first
    // requests; then ai-metrics "appears" (its replicas came up, say)
    let missingFor = 2;
    const stored = new Map<string, number>();
    const app = express();
    app.post('/api/ai-metrics/events', express.json(), (req, res) => {
      if (missingFor > 0) {
        missingFor--;
        res.status(404).json({
          error: { name: 'NotFoundError', message: 'Not Found' },
          request: { method: 'POST', url: '/api/ai-metrics/events' },
          response: { statusCode: 404 },
        });
        return;
      }
      for (const e of req.body.events) {
        stored.set(e.id, (stored.get(e.id) ?? 0) + 1);
      }
      res.json({ accepted: req.body.events.length, duplicates: 0 });
    });
    const server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    const logger = mockServices.logger.mock();
    const taskQueue = `test-recorder-404-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowsPath: builtInWorkflowsPath(),
      activities: createActivities({
        models: ModelRegistry.fromConfig(new ConfigReader({})),
        metrics: new AiMetricsRecorder({
          producer: new DefaultAiMetricsProducerService({
            discovery: {
              getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
              getExternalBaseUrl: async id =>
                `http://127.0.0.1:${port}/api/${id}`,
            },
            auth: mockServices.auth({ pluginId: 'workflows' }),
            logger,
          }),
        }),
        logger: mockServices.logger.mock(),
      }),
    });
    try {
      const result = await worker.runUntil(async () => {
        const handle = await new Client({
          connection,
          namespace: 'default',
        }).workflow.start('modelEvaluation', {
          taskQueue,
          workflowId: `eval-404-${randomUUID()}`,
          args: [
            {
              model: 'local-sentiment',
              dataset: 'sentiment-small',
              limit: 4,
              batchSize: 4,
            },
          ],
        });
        return handle.result();
      });
      expect(result).toMatchObject({ items: 4 });
      expect(missingFor).toBe(0);
      // four predictions and the accuracy, each stored (and counted) once
      expect(stored.size).toBe(5);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^ai-metrics answered 404 at .*set discovery\.endpoints for ai-metrics/,
        ),
      );
    } finally {
      await nativeConnection.close();
      await connection.close();
      server.close();
    }
  });
});
