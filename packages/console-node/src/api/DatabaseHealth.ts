import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** What a plugin's health route says of its database. */
export type DatabaseHealthReport = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};

/**
 * Tells whether the plugin's database answers a trivial query. The answer
 * says only whether it does: the driver's error (the database's address,
 * its user, a file path) goes to the log.
 */
export class DatabaseHealth {
  private readonly db: Knex;
  private readonly logger?: LoggerService;

  constructor(options: { db: Knex; logger?: LoggerService }) {
    this.db = options.db;
    this.logger = options.logger;
  }

  async health(): Promise<DatabaseHealthReport> {
    const client = String(this.db.client.config.client);
    try {
      await this.db.raw('select 1');
      return { status: 'ok', database: { reachable: true, client } };
    } catch (error) {
      this.logger?.warn(
        'database health check failed',
        error instanceof Error ? error : new Error(String(error)),
      );
      return {
        status: 'unavailable',
        database: {
          reachable: false,
          client,
          message: 'the database is unavailable',
        },
      };
    }
  }
}
