import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AiMetricsRecorder } from './AiMetricsRecorder';
import { ConsoleMetricEvent } from './MetricsRecorder';

// What the recorder does with each answer of the ai-metrics ingest API, over
// HTTP, against a stand-in that answers as ai-metrics does (Backstage error
// bodies).

const event = (model: string): ConsoleMetricEvent => ({
  id: `run-1:${model}`,
  model,
  version: 'default',
  operation: 'classification',
  latencyMs: 5,
  success: true,
  labels: { workflow_id: 'eval-1', workflow_run_id: 'run-1' },
});

describe('AiMetricsRecorder', () => {
  let server: Server;
  const received: unknown[] = [];
  let answer: { status: number; body: unknown } = {
    status: 200,
    body: { accepted: 1, duplicates: 0 },
  };

  beforeAll(async () => {
    const app = express();
    app.post('/api/ai-metrics/events', express.json(), (req, res) => {
      received.push(req.body);
      res.status(answer.status).json(answer.body);
    });
    server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterAll(() => server.close());

  function recorder() {
    const { port } = server.address() as AddressInfo;
    const logger = mockServices.logger.mock();
    return {
      logger,
      recorder: new AiMetricsRecorder({
        discovery: {
          getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
          getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
        },
        auth: mockServices.auth({ pluginId: 'workflows' }),
        logger,
      }),
    };
  }

  it('sends the events with their ids and labels as they are', async () => {
    answer = { status: 200, body: { accepted: 1, duplicates: 0 } };
    received.length = 0;
    await recorder().recorder.record([event('local-sentiment')]);
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

  it('drops, with a warning naming the reason, events of a model ai-metrics does not let the workflows write, instead of failing the activity', async () => {
    answer = {
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'plugin:workflows may not ingest metrics of model team-b-model (aiMetrics.ingest.producers)',
        },
      },
    };
    const { recorder: r, logger } = recorder();
    await expect(r.record([event('team-b-model')])).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'ai-metrics refused 1 metric event(s): plugin:workflows may not ingest metrics of model team-b-model (aiMetrics.ingest.producers)',
    );
  });

  it('fails the activity (to be retried) when ai-metrics is unavailable', async () => {
    answer = {
      status: 503,
      body: {
        error: {
          name: 'ServiceUnavailableError',
          message: 'the ai-metrics database is unavailable; retry later',
        },
      },
    };
    await expect(
      recorder().recorder.record([event('local-sentiment')]),
    ).rejects.toThrow(
      'ai-metrics refused 1 event(s): the ai-metrics database is unavailable; retry later',
    );
  });
});
