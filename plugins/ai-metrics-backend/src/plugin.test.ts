import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { aiMetricsPlugin } from './plugin';
import { wireEvent } from './__testUtils__/events';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const catalog = catalogServiceMock.factory({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'gpt-4o' },
      spec: { type: 'ai-model', owner: 'group:default/team-a' },
    },
  ],
});

describe('aiMetricsPlugin', () => {
  if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    it('has a PostgreSQL to test against', () => {
      expect(databases.supports('POSTGRES_15')).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'answers GET /api/ai-metrics/health from a real database, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          aiMetricsPlugin,
          catalog,
          mockServices.database.factory({ knex }),
        ],
      });

      const res = await request(server).get('/api/ai-metrics/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: {
          reachable: true,
          client: databaseId === 'SQLITE_3' ? 'better-sqlite3' : 'pg',
        },
      });

      const anonymous = await request(server)
        .get('/api/ai-metrics/health')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    },
  );

  it.each(databases.eachSupportedId())(
    'ingests, aggregates and exports end to end; Prometheus scrapes with its own token, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          aiMetricsPlugin,
          catalog,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              aiMetrics: {
                prometheus: { access: 'token', token: 'scrape-me' },
                // the mock service token's subject
                ingest: {
                  producers: [
                    { subject: 'external:test-service', models: ['gpt-*'] },
                  ],
                },
              },
            },
          }),
        ],
      });
      const now = Date.now();
      const minute = Math.floor(now / 60_000) * 60_000;
      const events = Array.from({ length: 20 }, (_, i) =>
        wireEvent({
          id: `e2e-${i}`,
          timestamp: new Date(minute - i * 1000).toISOString(),
          latencyMs: 50 * (i + 1),
        }),
      );

      const ingest = await request(server)
        .post('/api/ai-metrics/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events });
      expect(ingest.status).toBe(200);
      expect(ingest.body).toEqual({ accepted: 20, duplicates: 0 });
      const again = await request(server)
        .post('/api/ai-metrics/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events });
      expect(again.body).toEqual({ accepted: 0, duplicates: 20 });

      const series = await request(server)
        .get('/api/ai-metrics/series')
        .query({
          from: new Date(minute - 60 * 60_000).toISOString(),
          to: new Date(minute + 60_000).toISOString(),
          step: '1m',
        });
      expect(series.status).toBe(200);
      const points = series.body.series[0].points;
      expect(
        points.reduce(
          (n: number, p: { requests: number }) => n + p.requests,
          0,
        ),
      ).toBe(20);

      const scrape = await request(server)
        .get('/api/ai-metrics/metrics')
        .set('Authorization', 'Bearer scrape-me');
      expect(scrape.status).toBe(200);
      expect(scrape.text).toContain(
        'gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o"} 20',
      );
      const wrong = await request(server)
        .get('/api/ai-metrics/metrics')
        .set('Authorization', 'Bearer nope');
      expect(wrong.status).toBe(401);
      const none = await request(server)
        .get('/api/ai-metrics/metrics')
        .set('Authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);
    },
  );

  it('registers its permissions, the ai-model resource type and its rule', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        aiMetricsPlugin,
        catalog,
        mockServices.database.factory({ knex }),
      ],
    });
    const metadata = await request(server)
      .get('/api/ai-metrics/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(metadata.status).toBe(200);
    expect(
      metadata.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual([
      'ai-metrics.admin',
      'ai-metrics.event.ingest',
      'ai-metrics.metrics.scrape',
      'ai-metrics.model.read',
    ]);
    expect(metadata.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_OWNED_BY',
        resourceType: 'ai-model',
      }),
    ]);

    const applied = await request(server)
      .post(
        '/api/ai-metrics/.well-known/backstage/permissions/apply-conditions',
      )
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: ['team-a', 'team-b'].map(team => ({
          id: team,
          resourceRef: 'gpt-4o',
          resourceType: 'ai-model',
          conditions: {
            rule: 'IS_OWNED_BY',
            resourceType: 'ai-model',
            params: { claims: [`group:default/${team}`] },
          },
        })),
      });
    expect(applied.status).toBe(200);
    expect(applied.body.items).toEqual([
      { id: 'team-a', result: AuthorizeResult.ALLOW },
      { id: 'team-b', result: AuthorizeResult.DENY },
    ]);

    // by default the scrape endpoint wants ai-metrics.metrics.scrape, which
    // a service token holds (router.test.ts has the full table)
    const scrape = await request(server)
      .get('/api/ai-metrics/metrics')
      .set('Authorization', mockCredentials.service.header());
    expect(scrape.status).toBe(200);
    const anonymous = await request(server)
      .get('/api/ai-metrics/metrics')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });

  it('answers 403 to a user the permission policy denies', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        aiMetricsPlugin,
        catalog,
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const ingest = await request(server)
      .post('/api/ai-metrics/events')
      .send({ events: [wireEvent({ id: 'x' })] });
    expect(ingest.status).toBe(403);
    const models = await request(server).get('/api/ai-metrics/models');
    expect(models.status).toBe(403);
  });

  it('schedules the retention task from config', async () => {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        aiMetricsPlugin,
        catalog,
        mockServices.database.factory({ knex }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            aiMetrics: {
              retention: {
                rawEvents: '1d',
                schedule: {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 2 },
                },
              },
            },
          },
        }),
      ],
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'ai-metrics-retention',
        scope: 'global',
        frequency: { minutes: 10 },
        timeout: { minutes: 2 },
      }),
    );
    const task = scheduler.scheduleTask.mock.calls[0][0];
    await knex('ai_metric_events').insert({
      id: 'stale',
      occurred_at: Date.now() - 2 * 86_400_000,
      received_at: Date.now(),
      model: 'm',
      provider: 'p',
      operation: 'chat',
      latency_ms: 1,
    });
    await task.fn(new AbortController().signal);
    expect(await knex('ai_metric_events').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });
});
