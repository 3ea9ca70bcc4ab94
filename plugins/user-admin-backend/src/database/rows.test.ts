import { storeDatabases } from '../__testUtils__/databases';
import { isUniqueViolation, iso, opt } from './rows';

jest.setTimeout(60_000);

const { ids, migrated } = storeDatabases();

describe.each(ids)('rows on %p', databaseId => {
  it('tells a unique-key failure of the database from any other failure', async () => {
    const { knex } = await migrated(databaseId);
    const row = { user_ref: 'user:default/ada', revoked_before: 1 };
    await knex('ua_user_revocations').insert(row);
    const duplicate = await knex('ua_user_revocations')
      .insert(row)
      .catch(error => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const missing = await knex('ua_user_revocations')
      .insert({ user_ref: 'user:default/bea' })
      .catch(error => error);
    expect(missing.message).toMatch(/not.null/i);
    expect(isUniqueViolation(missing)).toBe(false);
  });
});

describe('row values', () => {
  it('reads epoch milliseconds whether the driver gives a number or a string', () => {
    expect(iso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(iso('1700000000000')).toBe('2023-11-14T22:13:20.000Z');
  });

  it('turns NULL into an absent field and keeps other values', () => {
    expect(opt(null)).toBeUndefined();
    expect(opt('')).toBe('');
    expect(opt(0)).toBe(0);
  });
});
