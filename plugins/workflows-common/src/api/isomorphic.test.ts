import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Browsers, backends and scripts load this package: what it imports must run
// in each of them.
const ALLOWED = [
  'zod',
  '@backstage/errors',
  '@backstage/plugin-permission-common',
  '@ai-ops-console/console-common',
];

const root = join(__dirname, '..');

/** The package's sources, relative to src/. */
const sources = (dir = ''): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [path]
      : [];
  });

describe('the workflows contract', () => {
  it.each(sources())(
    '%s imports only isomorphic packages and its own files',
    file => {
      const imported = [
        ...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'/g),
      ].map(match => match[1]);
      expect(
        imported.filter(
          name => !name.startsWith('.') && !ALLOWED.includes(name),
        ),
      ).toEqual([]);
    },
  );
});
