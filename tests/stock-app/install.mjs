#!/usr/bin/env node
// Installs the console's workflows and ai-metrics plugins into a stock
// Backstage app by the steps of docs/plugin-author-guide.md ("Install into
// your Backstage app"): every block marked `<!-- stock-app:NAME -->` there is
// read from the guide and applied as written, so that the guide cannot drift
// from what this test proves. The only step of the test's own is the first:
// the app resolves the console's packages to the tarballs packed from this
// repository instead of the npm registry.
//
//   node tests/stock-app/install.mjs APP_DIR TARBALL_DIR
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const [app, tarballs] = process.argv.slice(2);
if (!app || !tarballs) {
  console.error('usage: install.mjs APP_DIR TARBALL_DIR');
  process.exit(2);
}
const root = new URL('../..', import.meta.url).pathname;
const guide = readFileSync(join(root, 'docs/plugin-author-guide.md'), 'utf8');

/** The fenced block right after `<!-- stock-app:NAME -->` in the guide. */
function block(name) {
  const match = new RegExp(
    `<!-- stock-app:${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``,
  ).exec(guide);
  if (!match) throw new Error(`the guide has no block stock-app:${name}`);
  return match[1];
}

/** Inserts `text` before (or after) the first occurrence of `anchor`. */
function insert(file, anchor, text, { after = false } = {}) {
  const path = join(app, file);
  const source = readFileSync(path, 'utf8');
  const at = source.indexOf(anchor);
  if (at < 0) throw new Error(`${file} has no "${anchor}" to add the step at`);
  const cut = after ? at + anchor.length : at;
  const piece = after ? `\n${text}` : `${text}`;
  writeFileSync(path, source.slice(0, cut) + piece + source.slice(cut));
}

// 0. (the test's own) the console's packages come from this repository's tarballs
const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
manifest.resolutions ??= {};
for (const file of readdirSync(tarballs).filter(f => f.endsWith('.tgz'))) {
  const { name } = JSON.parse(
    execFileSync(
      'tar',
      ['xzOf', join(tarballs, file), 'package/package.json'],
      {
        encoding: 'utf8',
      },
    ),
  );
  manifest.resolutions[name] = `file:${join(tarballs, file)}`;
}
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify(manifest, null, 2)}\n`,
);

// 1. the packages
for (const line of block('add-packages').split('\n').filter(Boolean)) {
  console.log(`$ ${line}`);
  execFileSync('sh', ['-c', line], { cwd: app, stdio: 'inherit' });
}

// 2. the backend plugins
insert('packages/backend/src/index.ts', 'backend.start();', block('backend'));

// 3. the configuration
const config = join(app, 'app-config.yaml');
writeFileSync(config, `${readFileSync(config, 'utf8')}\n${block('config')}`);

// 4. the legacy app's pages, routes and sidebar
insert(
  'packages/app/src/App.tsx',
  'const app = createApp(',
  block('app-imports'),
);
insert('packages/app/src/App.tsx', '</FlatRoutes>', block('app-routes'));
insert(
  'packages/app/src/App.tsx',
  'bindRoutes({ bind }) {',
  block('app-bind'),
  {
    after: true,
  },
);
insert(
  'packages/app/src/components/Root/Root.tsx',
  'import ',
  block('sidebar-imports'),
);
insert(
  'packages/app/src/components/Root/Root.tsx',
  '{/* End global nav */}',
  block('sidebar'),
);
// 5. a plugin author's own module in the app ("Add a workflow type"): the
// guide's word-count package, whose files the guide shows whole (its
// guide.test.ts keeps them equal), as a package of the app that depends on
// the published -node package
const moduleName =
  '@ai-ops-console/backstage-plugin-workflows-backend-module-word-count';
const moduleSource = join(root, 'plugins/workflows-backend-module-word-count');
const moduleTarget = join(app, 'plugins/workflows-backend-module-word-count');
mkdirSync(join(moduleTarget, 'src'), { recursive: true });
for (const file of readdirSync(join(moduleSource, 'src'))) {
  if (file.includes('.test.') || file === 'setupTests.ts') continue;
  copyFileSync(
    join(moduleSource, 'src', file),
    join(moduleTarget, 'src', file),
  );
}
const moduleManifest = JSON.parse(
  readFileSync(join(moduleSource, 'package.json'), 'utf8'),
);
for (const [name, range] of Object.entries(moduleManifest.dependencies)) {
  if (range.startsWith('workspace:'))
    moduleManifest.dependencies[name] = '^0.1.0';
}
delete moduleManifest.devDependencies;
moduleManifest.devDependencies = { '@backstage/cli': '*' };
writeFileSync(
  join(moduleTarget, 'package.json'),
  `${JSON.stringify(moduleManifest, null, 2)}\n`,
);
execFileSync(
  'sh',
  ['-c', `yarn --cwd packages/backend add ${moduleName}@workspace:^`],
  { cwd: app, stdio: 'inherit' },
);
insert(
  'packages/backend/src/index.ts',
  'backend.start();',
  block('module-backend'),
);
console.log(`installed the console's plugins into ${app}`);
