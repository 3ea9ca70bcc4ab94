import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { userAdminPlugin } from './plugin';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('userAdminPlugin', () => {
  if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    it('has a PostgreSQL to test against', () => {
      expect(databases.supports('POSTGRES_15')).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'answers GET /api/user-admin/health from a real database, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [userAdminPlugin, mockServices.database.factory({ knex })],
      });

      const res = await request(server).get('/api/user-admin/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: {
          reachable: true,
          client: databaseId === 'SQLITE_3' ? 'better-sqlite3' : 'pg',
        },
      });

      const anonymous = await request(server)
        .get('/api/user-admin/health')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    },
  );
});
