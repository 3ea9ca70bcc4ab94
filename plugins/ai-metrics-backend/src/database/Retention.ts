import { Knex } from 'knex';
import { RetentionResult } from './AiMetricsStore';
import { EVENTS, ROLLUP_TABLES } from './tables';

/** What retention deletes, and the row counts the admin status shows. */
export class Retention {
  private readonly db: Knex;

  constructor(options: { db: Knex }) {
    this.db = options.db;
  }

  async deleteExpired(options: {
    rawEventsBefore: number;
    minuteRollupsBefore: number;
    hourRollupsBefore: number;
  }): Promise<RetentionResult> {
    const rawEvents = await this.db(EVENTS)
      .where('occurred_at', '<', options.rawEventsBefore)
      .delete();
    const minuteRollups = await this.db(ROLLUP_TABLES.minute)
      .where('bucket_start', '<', options.minuteRollupsBefore)
      .delete();
    const hourRollups = await this.db(ROLLUP_TABLES.hour)
      .where('bucket_start', '<', options.hourRollupsBefore)
      .delete();
    return { rawEvents, minuteRollups, hourRollups };
  }

  async stats(): Promise<{
    rawEvents: number;
    minuteRollups: number;
    hourRollups: number;
    oldestRawEvent: number | null;
  }> {
    const count = async (table: string) => {
      const [row] = await this.db(table).count({ n: '*' });
      return Number(row.n);
    };
    const [oldest] = await this.db(EVENTS).min({ at: 'occurred_at' });
    return {
      rawEvents: await count(EVENTS),
      minuteRollups: await count(ROLLUP_TABLES.minute),
      hourRollups: await count(ROLLUP_TABLES.hour),
      oldestRawEvent:
        oldest?.at === null || oldest?.at === undefined
          ? null
          : Number(oldest.at),
    };
  }
}
