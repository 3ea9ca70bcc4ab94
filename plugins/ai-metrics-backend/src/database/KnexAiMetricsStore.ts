import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AiMetricsStore } from './AiMetricsStore';
import { EventWriter } from './EventWriter';
import { Retention } from './Retention';
import { RollupReader } from './RollupReader';

const migrationsDir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-ai-metrics-backend',
  'migrations',
);

/**
 * The knex store of metric events and rollups, on SQLite or PostgreSQL:
 * ingest and its idempotency in {@link EventWriter} (which adds to the
 * rollups through `addToRollups`), reads of the rollups in
 * {@link RollupReader}, deletion past retention and row counts in
 * {@link Retention}. Tables and row shapes are in `tables.ts`.
 */
export class KnexAiMetricsStore implements AiMetricsStore {
  private readonly events: EventWriter;
  private readonly rollups: RollupReader;
  private readonly retention: Retention;

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexAiMetricsStore> {
    const { database } = options;
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new KnexAiMetricsStore({ db });
  }

  private constructor(options: { db: Knex }) {
    this.events = new EventWriter(options);
    this.rollups = new RollupReader(options);
    this.retention = new Retention(options);
  }

  insertEvents: AiMetricsStore['insertEvents'] = options =>
    this.events.insert(options);

  readRollups: AiMetricsStore['readRollups'] = options =>
    this.rollups.readRollups(options);

  listModelNames: AiMetricsStore['listModelNames'] = () =>
    this.rollups.listModelNames();

  listModelVersions: AiMetricsStore['listModelVersions'] = () =>
    this.rollups.listModelVersions();

  deleteExpired: AiMetricsStore['deleteExpired'] = options =>
    this.retention.deleteExpired(options);

  stats: AiMetricsStore['stats'] = () => this.retention.stats();
}
