// The dev IdP's accounts: a small seeded set, optionally extended or
// overridden by a JSON file (DEV_IDP_USERS). Development only: passwords are
// kept in memory in clear text.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Default password of a seeded user when DEV_IDP_PASSWORD is not set. */
export const defaultPasswordFor = username => `${username}-password`;

// Stable, opaque subject identifiers (like a real IdP's), so that nothing
// downstream can get away with treating `sub` as the username.
const SEEDED = [
  {
    sub: 'a369036e-9157-4a37-b698-56a5b631f3be',
    username: 'admin',
    name: 'Ada Admin',
    given_name: 'Ada',
    family_name: 'Admin',
    email: 'admin@console.example',
    groups: ['platform-team'],
  },
  {
    sub: '4c584fe1-277f-4800-8544-9d6fb0ba997f',
    username: 'operator',
    name: 'Otto Operator',
    given_name: 'Otto',
    family_name: 'Operator',
    email: 'operator@console.example',
    groups: ['ml-team'],
  },
  {
    sub: '29797b18-be2f-42e2-9c98-e9093ba0b9a0',
    username: 'viewer',
    name: 'Vera Viewer',
    given_name: 'Vera',
    family_name: 'Viewer',
    email: 'viewer@console.example',
    groups: ['ml-team'],
  },
  {
    // Claims the admin's address without having proven it
    // (email_verified: false): signing in must not make her the admin.
    sub: '7d1f3c52-5b8e-4f0e-9a61-1c2b3d4e5f60',
    username: 'mallory',
    name: 'Mallory Mimic',
    email: 'admin@console.example',
    email_verified: false,
    groups: [],
  },
  {
    // Not in the console's catalog: for the "unknown user signs in" path.
    sub: '2fe84ae6-9fa4-4eba-bd25-0e9172ca4865',
    username: 'newcomer',
    name: 'Nina Newcomer',
    given_name: 'Nina',
    family_name: 'Newcomer',
    email: 'newcomer@console.example',
    groups: [],
  },
];

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function fail(source, message) {
  throw new Error(`${source}: ${message}`);
}

function normalizeUser(raw, source, index) {
  const where = `${source} (user #${index + 1})`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(where, 'each user must be a JSON object');
  }
  const { username, password, sub, name, email } = raw;
  if (typeof username !== 'string' || !USERNAME.test(username)) {
    fail(
      where,
      '"username" must be 1-64 characters of A-Z a-z 0-9 . _ @ - (starting with a letter or digit)',
    );
  }
  for (const [key, value] of Object.entries({ name, email })) {
    if (typeof value !== 'string' || value.trim() === '') {
      fail(where, `"${key}" must be a non-empty string`);
    }
  }
  if (
    password !== undefined &&
    (typeof password !== 'string' || password === '')
  ) {
    fail(where, '"password" must be a non-empty string when given');
  }
  if (
    sub !== undefined &&
    (typeof sub !== 'string' || sub === '' || sub.length > 255)
  ) {
    fail(
      where,
      '"sub" must be a non-empty string of at most 255 characters when given',
    );
  }
  const groups = raw.groups ?? [];
  if (
    !Array.isArray(groups) ||
    groups.some(g => typeof g !== 'string' || g === '')
  ) {
    fail(where, '"groups" must be an array of non-empty strings');
  }
  if (
    raw.email_verified !== undefined &&
    typeof raw.email_verified !== 'boolean'
  ) {
    fail(where, '"email_verified" must be a boolean when given');
  }
  const user = {
    sub: sub ?? `dev-idp-${username}`,
    username,
    name,
    email,
    email_verified: raw.email_verified ?? true,
    groups: [...groups],
    password,
  };
  for (const key of ['given_name', 'family_name']) {
    if (typeof raw[key] === 'string' && raw[key] !== '') user[key] = raw[key];
  }
  return user;
}

/**
 * Reads a users file: either a JSON array of users or `{ "users": [...] }`.
 * Each user: { username, name, email, password?, sub?, email_verified?,
 * groups?, given_name?, family_name? }.
 */
export function readUsersFile(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`DEV_IDP_USERS: cannot read ${path}: ${error.message}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `DEV_IDP_USERS: ${path} is not valid JSON: ${error.message}`,
    );
  }
  const list = Array.isArray(parsed) ? parsed : parsed?.users;
  if (!Array.isArray(list)) {
    throw new Error(
      `DEV_IDP_USERS: ${path} must hold a JSON array of users or an object with a "users" array`,
    );
  }
  return list.map((raw, i) => normalizeUser(raw, `DEV_IDP_USERS ${path}`, i));
}

const digest = value =>
  createHash('sha256').update(String(value), 'utf8').digest();

/**
 * An in-memory account store.
 * @param {object} options
 * @param {object[]} [options.extraUsers] users (normalized) that are added to
 *   the seeded ones; one with a seeded username replaces that seeded user.
 * @param {string} [options.sharedPassword] password of every seeded user
 *   (default: `<username>-password`).
 * @param {boolean} [options.seed] include the seeded users (default true).
 */
export class UserStore {
  #byUsername = new Map();
  #bySub = new Map();

  constructor({ extraUsers = [], sharedPassword, seed = true } = {}) {
    const seeded = seed
      ? SEEDED.map((u, i) =>
          normalizeUser(
            {
              ...u,
              password: sharedPassword ?? defaultPasswordFor(u.username),
            },
            'seeded users',
            i,
          ),
        )
      : [];
    for (const user of [...seeded, ...extraUsers]) {
      const password =
        user.password ?? sharedPassword ?? defaultPasswordFor(user.username);
      const stored = Object.freeze({
        ...user,
        groups: Object.freeze([...user.groups]),
        password,
      });
      const previous = this.#byUsername.get(user.username.toLowerCase());
      if (previous) this.#bySub.delete(previous.sub);
      if (this.#bySub.has(stored.sub)) {
        throw new Error(`users: two users share the sub "${stored.sub}"`);
      }
      this.#byUsername.set(user.username.toLowerCase(), stored);
      this.#bySub.set(stored.sub, stored);
    }
  }

  /** All users (without passwords), in insertion order. */
  list() {
    return [...this.#byUsername.values()].map(({ password, ...rest }) => rest);
  }

  findBySub(sub) {
    return this.#bySub.get(sub);
  }

  /**
   * Returns the user when username (case-insensitive) and password match,
   * otherwise undefined. The password comparison does not short-circuit.
   */
  authenticate(username, password) {
    if (typeof username !== 'string' || typeof password !== 'string')
      return undefined;
    const user = this.#byUsername.get(username.trim().toLowerCase());
    const expected = digest(
      user ? user.password : 'no such user: compare anyway',
    );
    const ok = timingSafeEqual(expected, digest(password));
    return user && ok ? user : undefined;
  }
}

/**
 * The standard claims of a user, as released by the provider; a profile
 * (profiles.js) may leave out `email_verified` and rename or drop groups.
 */
export function claimsOf(user, profile) {
  const groups = profile
    ? user.groups.map(g => profile.group(g)).filter(Boolean)
    : [...user.groups];
  const claims = {
    sub: user.sub,
    email: user.email,
    name: user.name,
    preferred_username: user.username,
  };
  if (profile?.emailVerified !== 'omitted') {
    claims.email_verified = user.email_verified;
  }
  if (!profile || profile.groupsClaim) claims.groups = groups;
  if (user.given_name) claims.given_name = user.given_name;
  if (user.family_name) claims.family_name = user.family_name;
  return claims;
}
