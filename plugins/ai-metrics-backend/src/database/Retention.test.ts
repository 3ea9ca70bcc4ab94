import { migratedDatabase, storeDatabases } from '../__testUtils__/database';
import { eventRecord } from '../__testUtils__/events';
import { EventWriter } from './EventWriter';
import { Retention } from './Retention';

jest.setTimeout(60_000);
const databases = storeDatabases();
const T0 = Date.parse('2026-11-26T10:00:00Z');
const HOUR = 3_600_000;

describe('Retention', () => {
  it.each(databases.eachSupportedId())(
    'deletes each table past its own time and counts what remains, %p',
    async databaseId => {
      const db = await migratedDatabase(databases, databaseId);
      const retention = new Retention({ db });
      expect(await retention.stats()).toEqual({
        rawEvents: 0,
        minuteRollups: 0,
        hourRollups: 0,
        oldestRawEvent: null,
      });
      // two hours apart: two minute and two hour buckets
      await new EventWriter({ db }).insert({
        producer: 'external:test',
        receivedAt: T0,
        events: [
          eventRecord({ id: 'old', occurredAt: T0 }),
          eventRecord({ id: 'new', occurredAt: T0 + 2 * HOUR }),
        ],
      });
      expect(
        await retention.deleteExpired({
          rawEventsBefore: T0 + HOUR,
          minuteRollupsBefore: T0 + 3 * HOUR,
          hourRollupsBefore: T0,
        }),
      ).toEqual({ rawEvents: 1, minuteRollups: 2, hourRollups: 0 });
      expect(await retention.stats()).toEqual({
        rawEvents: 1,
        minuteRollups: 0,
        hourRollups: 2,
        oldestRawEvent: T0 + 2 * HOUR,
      });
    },
  );
});
