import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import aiMetricsPlugin from '@ai-ops-console/backstage-plugin-ai-metrics-backend';
import userAdminPlugin from '@ai-ops-console/backstage-plugin-user-admin-backend';
import { Knex } from 'knex';
import request from 'supertest';
import {
  demoDatabases,
  pluginDatabases,
  startDemoBackend,
} from './__testUtils__/backend';
import { demoTraffic } from './demoTraffic';
import { DEMO_SEED_TASK, demoDataPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = demoDatabases();
const PLUGINS = ['user-admin', 'ai-metrics'];
const DAY_OF_EVENTS = demoTraffic({ now: Date.now() }).length;

/** A replica of the console with the real demo plugin. */
async function replica(options: {
  knex: Map<string, Knex>;
  enabled: boolean;
  scheduler: ServiceFactory;
}) {
  const { backend, authorization } = await startDemoBackend({
    withSeeder: false,
    databases: options.knex,
    features: [
      demoDataPlugin,
      userAdminPlugin,
      aiMetricsPlugin,
      catalogServiceMock.factory({ entities: [] }),
      options.scheduler,
    ],
    config: {
      console: {
        demoData: {
          enabled: options.enabled,
          // at once, then every second: a replica that finds the demo
          // done only reads the markers
          schedule: {
            frequency: { seconds: 1 },
            timeout: { minutes: 1 },
          },
        },
      },
      aiMetrics: {
        ingest: {
          producers: [
            {
              subject: 'plugin:console-demo',
              models: ['local-sentiment', 'keyword-sentiment'],
            },
          ],
        },
      },
    },
  });
  const get = async (path: string) =>
    (
      await request(backend.server)
        .get(path)
        .set('Authorization', await authorization(path.split('/')[2]))
    ).body;
  return {
    backend,
    users: async () => (await get('/api/user-admin/users?limit=50')).total,
    rawEvents: async () =>
      (await get('/api/ai-metrics/admin/status')).rows.rawEvents,
  };
}

async function waitFor(check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('demoDataPlugin', () => {
  it.each([
    [true, 'schedules the seeding, which seeds the demo'],
    [false, 'schedules nothing and seeds nothing'],
  ])('with console.demoData.enabled %p it %s', async (enabled, _behaviour) => {
    const knex = await pluginDatabases(databases, 'SQLITE_3', PLUGINS);
    // a MockSchedulerService, whose type the package does not export
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
    };
    const demo = await replica({
      knex,
      enabled,
      scheduler: scheduler.factory({ skipTaskRunOnStartup: true }),
    });
    try {
      const tasks = (await scheduler.getScheduledTasks()).map(t => t.id);
      expect(tasks.includes(DEMO_SEED_TASK)).toBe(enabled);
      if (enabled) await scheduler.triggerTask(DEMO_SEED_TASK);
      expect(await demo.users()).toBe(enabled ? 3 : 0);
      expect(await demo.rawEvents()).toBe(enabled ? DAY_OF_EVENTS : 0);
    } finally {
      await demo.backend.stop();
    }
  });

  it('seeds once when two replicas on one PostgreSQL run the task', async () => {
    // (without PostgreSQL, CONSOLE_TEST_REQUIRE_POSTGRES fails the suite)
    if (!databases.supports('POSTGRES_15')) return;
    const knex = await pluginDatabases(databases, 'POSTGRES_15', PLUGINS);
    // one after the other: Backstage's own first migrations of a database
    // do not take two processes at once; the first one's seeding is
    // under way when the second starts
    const replicas = [];
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await replica({
          knex,
          enabled: true,
          scheduler: schedulerServiceFactory,
        }),
      );
    }
    try {
      const [a, b] = replicas;
      const parts = () =>
        knex.get('console-demo')!('console_demo_parts').select('part', 'state');
      await waitFor(async () => (await parts()).length === 3);
      await waitFor(async () =>
        (await parts()).every((p: any) => p.state !== 'seeding'),
      );
      // a few more runs of the task, on either replica
      await new Promise(resolve => setTimeout(resolve, 4000));
      expect(await a.users()).toBe(3);
      expect(await b.users()).toBe(3);
      expect(await a.rawEvents()).toBe(DAY_OF_EVENTS);
      expect((await parts()).map((p: any) => [p.part, p.state]).sort()).toEqual(
        [
          ['metrics', 'done'],
          ['users', 'done'],
          ['workflows', 'skipped'],
        ],
      );
    } finally {
      await Promise.all(replicas.map(r => r.backend.stop()));
    }
  });
});
