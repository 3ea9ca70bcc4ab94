import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ChangeFeedStore, FeedObservation } from './ChangeFeedStore';

const migrationsDir = resolvePackagePath(
  '@ai-ops-console/backstage-plugin-workflows-backend',
  'migrations',
);

const CURSORS = 'workflows_feed_cursors';
const CLAIMS = 'workflows_feed_claims';
/** Rows per insert: 3 parameters each, well within SQLite's and pg's limits. */
const CLAIM_CHUNK = 500;

/** Code-unit order: the same on every replica, whatever its locale. */
function compare(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The knex store of the change feed's state, on SQLite or PostgreSQL. */
export class KnexChangeFeedStore implements ChangeFeedStore {
  private readonly db: Knex;

  static async create(options: {
    database: DatabaseService;
  }): Promise<KnexChangeFeedStore> {
    const { database } = options;
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new KnexChangeFeedStore({ db });
  }

  private constructor(options: { db: Knex }) {
    this.db = options.db;
  }

  async readCursor(options: { namespace: string }) {
    const row = await this.db(CURSORS)
      .where({ namespace: options.namespace })
      .first('watermark');
    // pg answers bigint as a string
    return row ? Number(row.watermark) : undefined;
  }

  async advanceCursor(options: { namespace: string; at: number }) {
    await this.db(CURSORS)
      .insert({ namespace: options.namespace, watermark: options.at })
      .onConflict('namespace')
      .merge(['watermark'])
      .where(`${CURSORS}.watermark`, '<', options.at);
  }

  async claim(options: { observations: FeedObservation[]; at: number }) {
    const unique = new Map<string, FeedObservation>();
    for (const o of options.observations) {
      unique.set(`${o.runId}\n${o.status}`, o);
    }
    // one order for every caller, so that concurrent claims of overlapping
    // sets take their row locks in the same order and cannot deadlock
    const rows = [...unique.values()]
      .sort((a, b) => compare(a.runId, b.runId) || compare(a.status, b.status))
      .map(o => ({
        run_id: o.runId,
        status: o.status,
        claimed_at: options.at,
      }));
    const claimed: FeedObservation[] = [];
    for (let i = 0; i < rows.length; i += CLAIM_CHUNK) {
      // both databases return only the rows this statement inserted
      const inserted: Array<{ run_id: string; status: string }> = await this.db(
        CLAIMS,
      )
        .insert(rows.slice(i, i + CLAIM_CHUNK))
        .onConflict(['run_id', 'status'])
        .ignore()
        .returning(['run_id', 'status']);
      for (const r of inserted) {
        claimed.push({ runId: r.run_id, status: r.status });
      }
    }
    return claimed;
  }

  async pruneClaims(options: { before: number }) {
    return this.db(CLAIMS).where('claimed_at', '<', options.before).delete();
  }
}
