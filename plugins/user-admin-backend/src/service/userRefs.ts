import { ConflictError } from '@backstage/errors';
import { UserStore } from '../database/UserAdminStore';

/** Refs name entities case-insensitively: this is the form they are kept in. */
export const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Whether two user refs name the same user. */
export function sameRef(a: string, b: string): boolean {
  return lower(a) === lower(b);
}

/**
 * An entity name as the catalog allows it: [a-z0-9._-], starting and ending
 * with a letter or digit, at most `max` long (63 at most; shorter leaves room
 * for a counter).
 */
export function entityName(raw: string, max = 60): string {
  return lower(raw)
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, max)
    .replace(/[-._]+$/g, '');
}

/**
 * The first of `user:default/<name>`, `<name>-2`, `<name>-3`, … that no user
 * holds yet.
 */
export async function freeUserRef(
  store: Pick<UserStore, 'getUserByRef'>,
  name: string,
): Promise<string> {
  for (let i = 1; i < 1000; i++) {
    const ref = `user:default/${i === 1 ? name : `${name}-${i}`}`;
    if (!(await store.getUserByRef({ userRef: ref }))) return ref;
  }
  throw new ConflictError(`no free user name for ${name}`);
}
