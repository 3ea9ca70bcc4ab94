import { mockServices } from '@backstage/backend-test-utils';
import { DefaultAiMetricsProducerService } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AiMetricsRecorder } from './AiMetricsRecorder';
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
