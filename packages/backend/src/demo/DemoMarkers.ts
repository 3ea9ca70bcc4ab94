import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The parts of the demo, seeded in this order. */
export type DemoPartName = 'users' | 'metrics' | 'workflows';

/**
 * `seeding`: the store was empty, the seeding began and has not finished
 * (a later run goes on with it); `done`; `skipped`: the store already held
 * data, or its plugin is not installed.
 */
export type DemoPartState = 'seeding' | 'done' | 'skipped';

type Row = { part: string; state: string; note: string | null };

/**
 * What the demo seeding decided for each part (`console_demo_parts`, in the
 * demo plugin's own database), so that it seeds a part once: the decision
 * that a store is empty is taken once, before anything of the demo is in it.
 */
export class DemoMarkers {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DemoMarkers> {
    const db = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      // resolved here, not at import: only a backend with the demo on needs it
      const directory = resolvePackagePath('backend', 'migrations');
      await db.migrate.latest({ directory });
    }
    return new DemoMarkers(db);
  }

  private constructor(private readonly db: Knex) {}

  async get(
    part: DemoPartName,
  ): Promise<{ state: DemoPartState; note?: string } | undefined> {
    const row = await this.db<Row>('console_demo_parts')
      .where({ part })
      .first();
    return row
      ? { state: row.state as DemoPartState, note: row.note ?? undefined }
      : undefined;
  }

  async set(part: DemoPartName, state: DemoPartState, note?: string) {
    await this.db('console_demo_parts')
      .insert({ part, state, note: note ?? null, updated_at: Date.now() })
      .onConflict('part')
      .merge();
  }
}
