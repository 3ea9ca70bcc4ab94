/** An instant stored as epoch milliseconds (a string from pg's bigint). */
export const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

/** A nullable column as an optional field. */
export const opt = <T>(v: T | null | undefined) => (v === null ? undefined : v);

/** Refs and e-mails are stored in lower case, whatever case they came in. */
export const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Whether a write failed on a unique key, on PostgreSQL or SQLite. */
export function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /unique constraint|UNIQUE constraint failed/i.test(e?.message ?? '')
  );
}
