import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import aiMetricsPlugin from '@ai-ops-console/backstage-plugin-ai-metrics-backend';
import userAdminPlugin from '@ai-ops-console/backstage-plugin-user-admin-backend';
import { Knex } from 'knex';
import request from 'supertest';
import {
  demoDatabases,
  pluginDatabases,
  startDemoBackend,
} from './__testUtils__/backend';
import { DEMO_USERS } from './demoContent';
import { demoTraffic } from './demoTraffic';

// The demo seeded into the real user-admin and ai-metrics plugins, through
// their APIs with the demo plugin's own service token, on SQLite and
// PostgreSQL; the workflows plugin is not installed here (its part is
// tested against Temporal in DemoWorkflows.test.ts).
jest.setTimeout(120_000);

const databases = demoDatabases();
const PLUGINS = ['console-demo', 'user-admin', 'ai-metrics'];
const DAY_OF_EVENTS = demoTraffic({ now: Date.now() }).length;

async function start(knex: Map<string, Knex>) {
  const { backend, seeder, authorization } = await startDemoBackend({
    databases: knex,
    features: [
      userAdminPlugin,
      aiMetricsPlugin,
      catalogServiceMock.factory({ entities: [] }),
    ],
    config: {
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
  // what an admin would see, asked as a plugin
  const call = async (
    method: 'get' | 'post' | 'delete',
    path: string,
    body?: object,
  ) => {
    const header = await authorization(path.split('/')[2]);
    const req = request(backend.server)[method](path);
    return body
      ? req.set('Authorization', header).send(body)
      : req.set('Authorization', header);
  };
  const users = async () =>
    (await call('get', '/api/user-admin/users?limit=50')).body;
  const models = async () =>
    (await call('get', '/api/ai-metrics/models')).body.items;
  const rawEvents = async () =>
    (await call('get', '/api/ai-metrics/admin/status')).body.rows.rawEvents;
  const markers = () =>
    knex.get('console-demo')!('console_demo_parts').orderBy('part');
  return { backend, seeder, call, users, models, rawEvents, markers };
}

describe('DemoSeeder', () => {
  describe.each(databases.eachSupportedId())('on %p', (id: TestDatabaseId) => {
    it('seeds an empty console with the invited users and a day of metrics, and a second run adds nothing', async () => {
      const knex = await pluginDatabases(databases, id, PLUGINS);
      const demo = await start(knex);
      try {
        await demo.seeder.run();

        const users = await demo.users();
        expect(users.total).toBe(3);
        expect(
          users.items.map((u: any) => [u.userRef, u.email, u.status, u.roles]),
        ).toEqual(
          expect.arrayContaining(
            DEMO_USERS.map(u => [
              `user:default/${u.username}`,
              u.email,
              'invited',
              u.roles,
            ]),
          ),
        );
        const models = await demo.models();
        expect(
          models.map((m: any) => [m.model, [...m.versions].sort()]),
        ).toEqual(
          expect.arrayContaining([
            ['local-sentiment', ['v1', 'v2']],
            ['keyword-sentiment', ['v1', 'v2']],
          ]),
        );
        expect(models).toHaveLength(2);
        expect(await demo.rawEvents()).toBe(DAY_OF_EVENTS);
        // the workflows plugin is not installed: its part is skipped
        expect(
          (await demo.markers()).map((m: any) => [m.part, m.state]),
        ).toEqual([
          ['metrics', 'done'],
          ['users', 'done'],
          ['workflows', 'skipped'],
        ]);

        await demo.seeder.run();
        expect((await demo.users()).total).toBe(3);
        expect(await demo.rawEvents()).toBe(DAY_OF_EVENTS);
      } finally {
        await demo.backend.stop();
      }
    });

    it('leaves a store that already holds data alone, and seeds the others', async () => {
      const knex = await pluginDatabases(databases, id, PLUGINS);
      const demo = await start(knex);
      try {
        const invited = await demo.call(
          'post',
          '/api/user-admin/users/invite',
          {
            email: 'jane@example.com',
          },
        );
        expect(invited.status).toBe(201);

        await demo.seeder.run();
        const users = await demo.users();
        expect(users.items.map((u: any) => u.email)).toEqual([
          'jane@example.com',
        ]);
        expect(await demo.rawEvents()).toBe(DAY_OF_EVENTS);
      } finally {
        await demo.backend.stop();
      }
    });

    it('goes on with a seeding that stopped half-way, after a restart', async () => {
      const knex = await pluginDatabases(databases, id, PLUGINS);
      const first = await start(knex);
      try {
        // the first replica decided to seed the users and invited one of
        // them before it stopped
        await first.seeder.run();
        await knex.get('console-demo')!('console_demo_parts')
          .where({ part: 'users' })
          .update({ state: 'seeding' });
        const ids = (await first.users()).items
          .filter((u: any) => u.email !== DEMO_USERS[0].email)
          .map((u: any) => u.id);
        for (const userId of ids) {
          expect(
            (await first.call('delete', `/api/user-admin/users/${userId}`))
              .status,
          ).toBe(204);
        }
      } finally {
        await first.backend.stop();
      }

      const second = await start(knex);
      try {
        await second.seeder.run();
        const users = await second.users();
        expect(users.items.map((u: any) => u.email).sort()).toEqual(
          DEMO_USERS.map(u => u.email).sort(),
        );
        expect(await second.rawEvents()).toBe(DAY_OF_EVENTS);
      } finally {
        await second.backend.stop();
      }
    });
  });
});
