import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { KnexUserAdminStore } from '../database/KnexUserAdminStore';
import { UserAdminStore } from '../database/UserAdminStore';

/**
 * The databases a store test runs on (SQLite and PostgreSQL unless
 * narrowed), each test on a fresh migrated store. Call once at the top of a
 * test file: it sets up the cleanup of the databases it opens.
 */
export function storeDatabases(
  ids: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'],
) {
  const databases = TestDatabases.create({ ids });
  if (
    ids.includes('POSTGRES_15') &&
    process.env.CONSOLE_TEST_REQUIRE_POSTGRES
  ) {
    // without it the suite would pass on SQLite alone, unnoticed
    beforeAll(() => {
      if (!databases.supports('POSTGRES_15')) {
        throw new Error('no PostgreSQL to test against');
      }
    });
  }
  /** A new, empty database of this kind, migrated. */
  async function migrated(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return { knex, store: await KnexUserAdminStore.fromKnex(knex) };
  }
  return {
    databases,
    ids: databases.eachSupportedId(),
    migrated,
    /**
     * The store of each test of the calling block: fresh, on a new database
     * of this kind (read its parts in the tests, not before).
     */
    freshStoreEach(databaseId: TestDatabaseId): UserAdminStore {
      const store = {} as UserAdminStore;
      beforeEach(async () => {
        Object.assign(store, (await migrated(databaseId)).store);
      });
      return store;
    },
  };
}
