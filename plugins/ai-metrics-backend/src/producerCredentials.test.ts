import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { Server } from 'node:http';
import request from 'supertest';
import { aiMetricsPlugin } from './plugin';
import { wireEvent } from './__testUtils__/events';

// The least-privilege producer credential of the README, on the real plugin
// with Backstage's own auth, httpAuth and permissions services: a static
// externalAccess token restricted to ai-metrics and to the ingest permission,
// and listed in aiMetrics.ingest.producers with its models.

jest.setTimeout(60_000);

const PRODUCER = 'producer-token-0123456789abcdef';
const PROMETHEUS = 'prometheus-token-0123456789abcdef';
const UNLISTED = 'unlisted-token-0123456789abcdef';

const config = {
  backend: {
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: PRODUCER, subject: 'llm-gateway' },
          accessRestrictions: [
            { plugin: 'ai-metrics', permission: 'ai-metrics.event.ingest' },
          ],
        },
        {
          type: 'static',
          options: { token: PROMETHEUS, subject: 'prometheus' },
          accessRestrictions: [
            { plugin: 'ai-metrics', permission: 'ai-metrics.metrics.scrape' },
          ],
        },
        // a service token without restrictions, and no producer
        {
          type: 'static',
          options: { token: UNLISTED, subject: 'reporting' },
        },
      ],
    },
  },
  permission: { enabled: true },
  aiMetrics: {
    ingest: {
      producers: [{ subject: 'llm-gateway', models: ['gpt-*'] }],
    },
  },
};

/** Another plugin of the same backend. */
const otherPlugin = createBackendPlugin({
  pluginId: 'other',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = express.Router();
        router.get('/things', (_req, res) => {
          res.json({ things: [] });
        });
        httpRouter.use(router);
      },
    });
  },
});

const now = () => new Date().toISOString();
const batch = (model: string) => ({
  events: [
    wireEvent({
      id: `${model}-${Math.random()}`,
      timestamp: now(),
      model,
    }),
  ],
});
const range = () => ({
  from: new Date(Date.now() - 3_600_000).toISOString(),
  to: new Date(Date.now() + 60_000).toISOString(),
});

const call = (
  status: number,
  who: string,
  token: string | undefined,
  what: string,
  send: (server: Server) => request.Test,
) => ({ status, who, token, what, send });

const calls = [
  call(200, 'the producer', PRODUCER, 'ingests its model', s =>
    request(s).post('/api/ai-metrics/events').send(batch('gpt-4o')),
  ),
  call(403, 'the producer', PRODUCER, 'ingests another model', s =>
    request(s).post('/api/ai-metrics/events').send(batch('claude-3-5-sonnet')),
  ),
  call(403, 'the producer', PRODUCER, 'reads series', s =>
    request(s).get('/api/ai-metrics/series').query(range()),
  ),
  call(403, 'the producer', PRODUCER, 'lists models', s =>
    request(s).get('/api/ai-metrics/models'),
  ),
  call(403, 'the producer', PRODUCER, 'scrapes', s =>
    request(s).get('/api/ai-metrics/metrics'),
  ),
  call(403, 'the producer', PRODUCER, 'reads the admin status', s =>
    request(s).get('/api/ai-metrics/admin/status'),
  ),
  call(403, 'the producer', PRODUCER, 'runs retention', s =>
    request(s).post('/api/ai-metrics/admin/retention/run'),
  ),
  call(403, 'the producer', PRODUCER, 'reads the health', s =>
    request(s).get('/api/ai-metrics/health'),
  ),
  call(403, 'the producer', PRODUCER, 'calls another plugin', s =>
    request(s).get('/api/other/things'),
  ),
  call(200, 'Prometheus', PROMETHEUS, 'scrapes', s =>
    request(s).get('/api/ai-metrics/metrics'),
  ),
  call(403, 'Prometheus', PROMETHEUS, 'ingests', s =>
    request(s).post('/api/ai-metrics/events').send(batch('gpt-4o')),
  ),
  call(403, 'Prometheus', PROMETHEUS, 'reads series', s =>
    request(s).get('/api/ai-metrics/series').query(range()),
  ),
  call(403, 'a service that is no producer', UNLISTED, 'ingests', s =>
    request(s).post('/api/ai-metrics/events').send(batch('gpt-4o')),
  ),
  call(401, 'no token', undefined, 'ingests', s =>
    request(s).post('/api/ai-metrics/events').send(batch('gpt-4o')),
  ),
  call(401, 'a wrong token', 'not-a-known-token-0123456789', 'ingests', s =>
    request(s).post('/api/ai-metrics/events').send(batch('gpt-4o')),
  ),
];

describe('a least-privilege producer credential', () => {
  let server: Server;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        aiMetricsPlugin,
        otherPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({ data: config }),
        // Backstage's own token, credentials and permission handling
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  it.each(calls)(
    'answers $status when $who $what',
    async ({ status, token, send }) => {
      const pending = send(server);
      const res = await (token
        ? pending.set('Authorization', `Bearer ${token}`)
        : pending);
      expect(res.status).toBe(status);
    },
  );

  it('stores what the producer may send, under its own subject', async () => {
    const res = await request(server)
      .post('/api/ai-metrics/events')
      .set('Authorization', `Bearer ${PRODUCER}`)
      .send(batch('gpt-4o-mini'));
    expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
    const refused = await request(server)
      .post('/api/ai-metrics/events')
      .set('Authorization', `Bearer ${PRODUCER}`)
      .send(batch('claude-3-5-sonnet'));
    expect(refused.body.error.message).toBe(
      'llm-gateway may not ingest metrics of model claude-3-5-sonnet (aiMetrics.ingest.producers)',
    );
  });
});
