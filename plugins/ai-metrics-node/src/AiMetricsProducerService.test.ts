import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the test runs the real plugin the service talks to; the package does not
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiMetricsPlugin from '@ai-ops-console/backstage-plugin-ai-metrics-backend';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  AiMetricsProducerEvent,
  AiMetricsProducerService,
  aiMetricsProducerServiceRef,
} from './AiMetricsProducerService';
import { DefaultAiMetricsProducerService } from './DefaultAiMetricsProducerService';

// A producer plugin ("evals") and the real ai-metrics plugin in one backend,
// with Backstage's own auth, httpAuth and permission services: the service
// token, the producer list and the ingest answers are the real ones.
jest.setTimeout(60_000);

const event = (model: string, id = randomUUID()): AiMetricsProducerEvent => ({
  id,
  model,
  provider: 'example',
  operation: 'classification',
  latencyMs: 5,
  success: true,
  labels: { run: 'r1' },
});

/** A plugin that only keeps the producer service it is given. */
function producerPlugin(keep: (service: AiMetricsProducerService) => void) {
  return createBackendPlugin({
    pluginId: 'evals',
    register(env) {
      env.registerInit({
        deps: { aiMetrics: aiMetricsProducerServiceRef },
        async init({ aiMetrics }) {
          keep(aiMetrics);
        },
      });
    },
  });
}

async function startBackend(options: { withAiMetrics: boolean }) {
  let producer: AiMetricsProducerService | undefined;
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      producerPlugin(p => (producer = p)),
      ...(options.withAiMetrics
        ? [aiMetricsPlugin, catalogServiceMock.factory({ entities: [] })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          aiMetrics: {
            ingest: {
              producers: [{ subject: 'plugin:evals', models: ['eval-*'] }],
            },
          },
        },
      }),
      logger.factory,
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
    ],
  });
  return { backend, producer: producer!, logger };
}

describe('aiMetricsProducerServiceRef', () => {
  it('stores events as the plugin itself, and counts a resent event once', async () => {
    const { backend, producer } = await startBackend({ withAiMetrics: true });
    try {
      const events = [event('eval-small'), event('eval-large')];
      await expect(producer.send(events)).resolves.toEqual({
        accepted: 2,
        duplicates: 0,
        dropped: 0,
      });
      await expect(producer.send(events)).resolves.toEqual({
        accepted: 0,
        duplicates: 2,
        dropped: 0,
      });
    } finally {
      await backend.stop();
    }
  });

  it('drops, with a warning naming the reason, a batch with a model the plugin may not send', async () => {
    const { backend, producer, logger } = await startBackend({
      withAiMetrics: true,
    });
    try {
      await expect(producer.send([event('gpt-4o')])).resolves.toEqual({
        accepted: 0,
        duplicates: 0,
        dropped: 1,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        'ai-metrics refused 1 metric event(s): plugin:evals may not ingest metrics of model gpt-4o (aiMetrics.ingest.producers)',
      );
    } finally {
      await backend.stop();
    }
  });

  it('never drops events in a backend without ai-metrics: rejects every send and logs what to configure', async () => {
    const { backend, producer, logger } = await startBackend({
      withAiMetrics: false,
    });
    try {
      // Backstage's own 404 for a plugin the backend does not host; each
      // send fails (the caller sends again), none is dropped silently
      for (let i = 0; i < 2; i++) {
        await expect(producer.send([event('eval-small')])).rejects.toThrow(
          /^ai-metrics answered 404 at http:\/\/localhost:\d+\/api\/ai-metrics\/events: 1 metric event\(s\) not stored, to be sent again\..*discovery\.endpoints/,
        );
      }
      expect(logger.error).toHaveBeenCalledTimes(2);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(/set discovery\.endpoints for ai-metrics/),
      );
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      await backend.stop();
    }
  });
});

// An unavailable database cannot be provoked in the real plugin from here: a
// stand-in answers as ai-metrics does then (503 with Backstage's error body).
describe('DefaultAiMetricsProducerService', () => {
  let server: Server;
  beforeAll(async () => {
    const app = express();
    app.post('/api/ai-metrics/events', (_req, res) => {
      res.status(503).json({
        error: {
          name: 'ServiceUnavailableError',
          message: 'the ai-metrics database is unavailable; retry later',
        },
        request: { method: 'POST', url: '/api/ai-metrics/events' },
        response: { statusCode: 503 },
      });
    });
    server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterAll(() => server.close());

  it('rejects, so that the caller sends again later, while ai-metrics is unavailable', async () => {
    const { port } = server.address() as AddressInfo;
    const producer = new DefaultAiMetricsProducerService({
      discovery: {
        getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
        getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
      },
      auth: mockServices.auth({ pluginId: 'evals' }),
      logger: mockServices.logger.mock(),
    });
    await expect(producer.send([event('eval-small')])).rejects.toThrow(
      'ai-metrics refused 1 event(s): the ai-metrics database is unavailable; retry later',
    );
  });
});
