import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The databases the store runs on: PostgreSQL 15 and SQLite. */
export const storeDatabases = () =>
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** A fresh database with the package's migrations run. */
export async function migratedDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@ai-ops-console/backstage-plugin-ai-metrics-backend',
      'migrations',
    ),
  });
  return knex;
}
