import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { KnexAuditStore } from './KnexAuditStore';
import { KnexRoleStore } from './KnexRoleStore';
import { KnexSessionStore } from './KnexSessionStore';
import { KnexUserStore } from './KnexUserStore';
import { UserAdminStore } from './UserAdminStore';

const migrationsDir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-user-admin-backend',
  'migrations',
);

/**
 * The knex implementation of the store, on SQLite or PostgreSQL: one part
 * per family of tables, all on the one migrated database.
 */
export class KnexUserAdminStore implements UserAdminStore {
  readonly users: KnexUserStore;
  readonly roles: KnexRoleStore;
  readonly sessions: KnexSessionStore;
  readonly audit: KnexAuditStore;

  private constructor(db: Knex) {
    this.users = new KnexUserStore(db);
    this.roles = new KnexRoleStore(db);
    this.sessions = new KnexSessionStore(db);
    this.audit = new KnexAuditStore(db);
  }

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexUserAdminStore> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new KnexUserAdminStore(db);
  }

  /** For tests: a store on a given knex, migrated. */
  static async fromKnex(db: Knex): Promise<KnexUserAdminStore> {
    await db.migrate.latest({ directory: migrationsDir });
    return new KnexUserAdminStore(db);
  }
}
