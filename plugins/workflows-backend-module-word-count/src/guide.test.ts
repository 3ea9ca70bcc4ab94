import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// docs/plugin-author-guide.md shows this package's files whole, each after an
// `<!-- example:<path> -->` marker: the steps an author copies are the code
// that module.test.ts runs.
const root = resolve(__dirname, '../../..');
const guide = readFileSync(
  resolve(root, 'docs/plugin-author-guide.md'),
  'utf8',
);
const shown = [
  ...guide.matchAll(/<!-- example:(\S+) -->\n\n```ts\n([\s\S]*?)```\n/g),
].map(([, path, code]) => ({ path, code }));

describe('the guide\'s "Add a workflow type" steps', () => {
  it('show every source file of the example', () => {
    expect(shown.map(s => s.path).sort()).toEqual(
      ['activities.ts', 'index.ts', 'module.ts', 'workflows.ts'].map(
        f => `plugins/workflows-backend-module-word-count/src/${f}`,
      ),
    );
  });

  it.each(shown)('show $path as it is', ({ path, code }) => {
    expect(code).toBe(readFileSync(resolve(root, path), 'utf8'));
  });
});
