import { migratedDatabase, storeDatabases } from '../__testUtils__/database';
import { eventRecord } from '../__testUtils__/events';
import { EventWriter } from './EventWriter';
import { EVENTS, ROLLUP_TABLES } from './tables';

jest.setTimeout(60_000);
const databases = storeDatabases();
const T0 = Date.parse('2026-11-26T10:00:00Z');

describe('EventWriter', () => {
  async function writer(databaseId: Parameters<typeof migratedDatabase>[1]) {
    const db = await migratedDatabase(databases, databaseId);
    const requests = async () =>
      Number((await db(ROLLUP_TABLES.hour).sum({ n: 'request_count' }))[0].n);
    return { db, events: new EventWriter({ db }), requests };
  }

  it.each(databases.eachSupportedId())(
    "stores each producer's id once and rolls up exactly the new events, %p",
    async databaseId => {
      const { db, events, requests } = await writer(databaseId);
      const insert = (producer: string, ids: string[]) =>
        events
          .insert({
            producer,
            receivedAt: T0,
            events: ids.map(id => eventRecord({ id })),
          })
          .then(r => r.inserted.map(e => e.id));
      expect(await insert('service:a', ['1', '2', '1'])).toEqual(['1', '2']);
      expect(await insert('service:a', ['2', '3'])).toEqual(['3']);
      // another producer's id is another event
      expect(await insert('service:b', ['1'])).toEqual(['1']);
      expect(await requests()).toBe(4);
      const [{ n }] = await db(EVENTS).count({ n: '*' });
      expect(Number(n)).toBe(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes batches that arrive together in one group, the first copy of an id owning it, %p',
    async databaseId => {
      const { events, requests } = await writer(databaseId);
      const batch = (ids: string[]) =>
        events.insert({
          producer: 'service:a',
          receivedAt: T0,
          events: ids.map(id => eventRecord({ id })),
        });
      const results = await Promise.all([
        batch(['x']),
        batch(['y']),
        batch(['y', 'z']),
        batch(['z']),
      ]);
      expect(results.map(r => r.inserted.map(e => e.id))).toEqual([
        ['x'],
        ['y'],
        ['z'],
        [],
      ]);
      expect(await requests()).toBe(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts an id stored before producers were recorded as a duplicate, %p',
    async databaseId => {
      const { db, events } = await writer(databaseId);
      await db(EVENTS).insert({
        producer: '',
        id: 'legacy',
        occurred_at: T0,
        received_at: T0,
        model: 'm',
        provider: 'p',
        operation: 'chat',
        latency_ms: 1,
      });
      const { inserted } = await events.insert({
        producer: 'service:a',
        receivedAt: T0,
        events: [eventRecord({ id: 'legacy' }), eventRecord({ id: 'new' })],
      });
      expect(inserted.map(e => e.id)).toEqual(['new']);
    },
  );

  it('refuses a batch without its producer', async () => {
    const { events } = await writer('SQLITE_3');
    await expect(
      events.insert({ producer: '', receivedAt: T0, events: [] }),
    ).rejects.toThrow('insertEvents needs the producer of the batch');
  });
});
