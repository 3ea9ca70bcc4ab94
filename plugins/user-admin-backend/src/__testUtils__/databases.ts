import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { KnexUserAdminStore } from '../database/KnexUserAdminStore';

/**
 * The databases a store test runs on (SQLite and PostgreSQL unless
 * narrowed), with a fresh
 * migrated store per call. Call once at the top of a test file: it sets up
 * the cleanup of the databases it opens.
 */
export function storeDatabases(
  ids: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'],
) {
  const databases = TestDatabases.create({ ids });
  if (ids.includes('POSTGRES_15') && process.env.CONSOLE_TEST_REQUIRE_POSTGRES) {
    // without it the suite would pass on SQLite alone, unnoticed
    beforeAll(() => {
      if (!databases.supports('POSTGRES_15')) {
        throw new Error('no PostgreSQL to test against');
      }
    });
  }
  return {
    databases,
    ids: databases.eachSupportedId(),
    /** A new, empty database of this kind, migrated. */
    async migrated(databaseId: TestDatabaseId) {
      const knex = await databases.init(databaseId);
      return { knex, store: await KnexUserAdminStore.fromKnex(knex) };
    },
  };
}
