import { Knex } from 'knex';

/** What a plugin's health route says of its database. */
export type DatabaseHealthReport = {
  status: 'ok' | 'unavailable';
  database: { reachable: boolean; client: string; message?: string };
};

/** Tells whether the plugin's database answers a trivial query. */
export class DatabaseHealth {
  private readonly db: Knex;

  constructor(options: { db: Knex }) {
    this.db = options.db;
  }

  async health(): Promise<DatabaseHealthReport> {
    const client = String(this.db.client.config.client);
    try {
      await this.db.raw('select 1');
      return { status: 'ok', database: { reachable: true, client } };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        status: 'unavailable',
        database: { reachable: false, client, message },
      };
    }
  }
}
