import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { KnexChangeFeedStore } from '../database/KnexChangeFeedStore';

/**
 * The databases the plugin's store runs on, PostgreSQL and SQLite. Call once
 * at the top of a test file: it sets up the cleanup of what it opens.
 */
export function feedDatabases() {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  if (process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    // without it the suite would pass on SQLite alone, unnoticed
    beforeAll(() => {
      if (!databases.supports('POSTGRES_15')) {
        throw new Error('no PostgreSQL to test against');
      }
    });
  }
  return {
    ids: databases.eachSupportedId(),
    /** A new, empty database of this kind with its store, migrated. */
    async create(databaseId: TestDatabaseId) {
      const knex = await databases.init(databaseId);
      const store = await KnexChangeFeedStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    },
  };
}
