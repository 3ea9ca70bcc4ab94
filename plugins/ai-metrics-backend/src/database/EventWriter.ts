import { Knex } from 'knex';
import { MetricEventRecord } from './AiMetricsStore';
import { GroupCommit } from './GroupCommit';
import { rollUp } from './rollups';
import { addToRollups } from './rollupWrites';
import { chunks, EVENTS, isPostgres } from './tables';

/**
 * Ingest transactions of one replica at once: batches arriving meanwhile
 * wait and are written together (group commit), so that concurrent batches
 * do not queue on each other's rollup row locks. Two keep the database busy
 * while the previous group commits.
 */
const MAX_RUNNING_WRITES = 2;
/** Most events of one group commit (a lone batch may be larger). */
const MAX_GROUP_EVENTS = 4_000;

type EventRow = {
  producer: string;
  id: string;
  occurred_at: number;
  received_at: number;
  model: string;
  model_version: string;
  provider: string;
  operation: string;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  error_type: string | null;
  score: number | null;
  labels: string | null;
  trace_id: string | null;
};

/** A batch as the store is handed it. */
type Batch = {
  producer: string;
  events: MetricEventRecord[];
  receivedAt: number;
};

/** An event of a group commit, with its batch's producer, arrival time and index. */
type PendingEvent = {
  producer: string;
  event: MetricEventRecord;
  receivedAt: number;
  batch: number;
};

/** The key of a raw event: its id within its producer's. */
const eventKey = (producer: string, id: string) => `${producer}\u0000${id}`;

/** The producer of rows stored before producers were recorded. */
const LEGACY_PRODUCER = '';

// unnest() yields the rows in array order, so rows are written in the
// order of the (sorted) arrays
const INSERT_EVENTS_PG = `
  insert into ${EVENTS} (
    received_at, producer, id, occurred_at, model, model_version, provider,
    operation, latency_ms, input_tokens, output_tokens, cost_usd, error_type,
    score, labels, trace_id
  )
  select * from unnest(
    ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::float8[], ?::bigint[], ?::bigint[], ?::float8[], ?::text[],
    ?::float8[], ?::text[], ?::text[]
  ) as e
  on conflict (producer, id) do nothing
  returning producer, id`;

/**
 * An array parameter with NULL elements, which pg sends as such; knex's
 * binding type only lists arrays without nulls.
 */
function withNulls(values: Array<string | number | null>): Knex.Value {
  return values as string[];
}

/**
 * Writes ingest batches: each event once per producer id, and exactly the
 * new ones added to the minute and hour rollups, in one transaction.
 *
 * Batches that arrive while earlier ones are being written are written
 * together in one transaction (GroupCommit); each resolves once that
 * transaction has committed. Every writer sorts what it touches (event keys
 * here, rollup keys in `addToRollups`) so that concurrent writers take row
 * locks in the same order.
 */
export class EventWriter {
  private readonly db: Knex;
  private readonly isPostgres: boolean;
  private readonly writes: GroupCommit<
    Batch,
    { inserted: MetricEventRecord[] }
  >;
  /**
   * Whether rows without a producer (stored before producers were
   * recorded) may remain; false once none is found, as none is written any
   * more.
   */
  private legacyRowsMayRemain = true;

  constructor(options: { db: Knex }) {
    this.db = options.db;
    this.isPostgres = isPostgres(this.db);
    this.writes = new GroupCommit({
      maxRunning: MAX_RUNNING_WRITES,
      maxGroupWeight: MAX_GROUP_EVENTS,
      weigh: batch => batch.events.length,
      write: batches => this.insertGroup(batches),
    });
  }

  async insert(options: Batch): Promise<{ inserted: MetricEventRecord[] }> {
    if (!options.producer) {
      // '' is the producer of legacy rows, a duplicate of everyone's ids
      throw new Error('insertEvents needs the producer of the batch');
    }
    return this.writes.submit(options);
  }

  /**
   * Stores the batches of one group in one transaction: the first batch (in
   * arrival order) holding a producer's id owns it, later copies are
   * duplicates.
   */
  private async insertGroup(
    batches: Batch[],
  ): Promise<Array<{ inserted: MetricEventRecord[] }>> {
    const results = batches.map(() => ({
      inserted: [] as MetricEventRecord[],
    }));
    // one row per (producer, id), in that order so concurrent writers wait
    // on each other in the same order
    const byKey = new Map<string, PendingEvent>();
    batches.forEach(({ producer, events, receivedAt }, batch) => {
      for (const event of events) {
        const key = eventKey(producer, event.id);
        if (!byKey.has(key)) {
          byKey.set(key, { producer, event, receivedAt, batch });
        }
      }
    });
    // keys are unique here, so no two compare equal
    const sorted = [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, p]) => p);
    if (sorted.length === 0) {
      return results;
    }

    const inserted = await this.db.transaction(async trx => {
      const legacy = await this.legacyIds(
        trx,
        sorted.map(p => p.event.id),
      );
      const pending = sorted.filter(p => !legacy.has(p.event.id));
      if (pending.length === 0) {
        return [];
      }
      const newKeys = this.isPostgres
        ? await this.insertEventRowsPg(trx, pending)
        : await this.insertEventRows(trx, pending);
      const newEvents = pending.filter(p =>
        newKeys.has(eventKey(p.producer, p.event.id)),
      );
      if (newEvents.length > 0) {
        const events = newEvents.map(p => p.event);
        for (const resolution of ['minute', 'hour'] as const) {
          const deltas = rollUp(events, resolution);
          await addToRollups({ trx, resolution, deltas });
        }
      }
      return newEvents;
    });
    for (const { event, batch } of inserted) {
      results[batch].inserted.push(event);
    }
    return results;
  }

  /**
   * Of the given ids, those of rows stored before producers were recorded:
   * they stay duplicates of any producer's retry while they are kept.
   */
  private async legacyIds(
    trx: Knex.Transaction,
    ids: string[],
  ): Promise<Set<string>> {
    if (!this.legacyRowsMayRemain) {
      return new Set();
    }
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(ids)])) {
      const rows: Array<{ id: string }> = await trx(EVENTS)
        .select('id')
        .where('producer', LEGACY_PRODUCER)
        .whereIn('id', chunk);
      rows.forEach(row => found.add(row.id));
    }
    if (found.size === 0) {
      const any = await trx(EVENTS)
        .first('id')
        .where('producer', LEGACY_PRODUCER);
      if (!any) {
        this.legacyRowsMayRemain = false;
      }
    }
    return found;
  }

  /** Inserts new events in chunks; answers the keys that were new. */
  private async insertEventRows(
    trx: Knex.Transaction,
    pending: PendingEvent[],
  ): Promise<Set<string>> {
    const newKeys = new Set<string>();
    for (const chunk of chunks(pending)) {
      const rows: EventRow[] = chunk.map(
        ({ producer, event: e, receivedAt }) => ({
          producer,
          id: e.id,
          occurred_at: e.occurredAt,
          received_at: receivedAt,
          model: e.model,
          model_version: e.version,
          provider: e.provider,
          operation: e.operation,
          latency_ms: e.latencyMs,
          input_tokens: e.inputTokens,
          output_tokens: e.outputTokens,
          cost_usd: e.costUsd,
          error_type: e.errorType,
          score: e.score,
          labels: e.labels ? JSON.stringify(e.labels) : null,
          trace_id: e.traceId,
        }),
      );
      const returned: Array<{ producer: string; id: string }> = await trx(
        EVENTS,
      )
        .insert(rows)
        .onConflict(['producer', 'id'])
        .ignore()
        .returning(['producer', 'id']);
      for (const { producer, id } of returned) {
        newKeys.add(eventKey(producer, id));
      }
    }
    return newKeys;
  }

  /**
   * PostgreSQL: inserts all events in one statement of one array parameter
   * per column (16 parameters instead of 16 per row, and one round trip);
   * answers the keys that were new.
   */
  private async insertEventRowsPg(
    trx: Knex.Transaction,
    pending: PendingEvent[],
  ): Promise<Set<string>> {
    const events = pending.map(p => p.event);
    const columns: Knex.Value[] = [
      pending.map(p => p.receivedAt),
      pending.map(p => p.producer),
      events.map(e => e.id),
      events.map(e => e.occurredAt),
      events.map(e => e.model),
      events.map(e => e.version),
      events.map(e => e.provider),
      events.map(e => e.operation),
      events.map(e => e.latencyMs),
      events.map(e => e.inputTokens),
      events.map(e => e.outputTokens),
      events.map(e => e.costUsd),
      withNulls(events.map(e => e.errorType)),
      withNulls(events.map(e => e.score)),
      withNulls(events.map(e => (e.labels ? JSON.stringify(e.labels) : null))),
      withNulls(events.map(e => e.traceId)),
    ];
    const result = await trx.raw<{
      rows: Array<{ producer: string; id: string }>;
    }>(INSERT_EVENTS_PG, columns);
    return new Set(result.rows.map(row => eventKey(row.producer, row.id)));
  }
}
