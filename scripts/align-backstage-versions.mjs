#!/usr/bin/env node
// Aligns every @backstage/* range in the workspace on the newest version the
// npm registry actually serves. `backstage-cli versions:bump` needs a release
// manifest host this machine cannot reach, so we ask the registry directly.
//
// Usage: node scripts/align-backstage-versions.mjs [--check] [--root DIR]
//   --check     only report ranges that differ, exit 1 if any do
//   --root DIR  align another Backstage monorepo (the stock-app test's app)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const rootArg = process.argv.indexOf('--root');
const root =
  rootArg > 0
    ? process.argv[rootArg + 1]
    : new URL('..', import.meta.url).pathname;
const checkOnly = process.argv.includes('--check');

function workspaceManifests() {
  const files = [join(root, 'package.json')];
  for (const dir of ['packages', 'plugins']) {
    const base = join(root, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const file = join(base, name, 'package.json');
      if (existsSync(file)) files.push(file);
    }
  }
  return files;
}

const sections = ['dependencies', 'devDependencies', 'peerDependencies'];
const manifests = workspaceManifests().map(file => ({
  file,
  json: JSON.parse(readFileSync(file, 'utf8')),
}));

const names = new Set();
for (const { json } of manifests) {
  for (const section of sections) {
    for (const name of Object.keys(json[section] ?? {})) {
      if (name.startsWith('@backstage/')) names.add(name);
    }
  }
}

// asked eight at a time: a stock app names about seventy packages
const latest = new Map();
const pending = [...names].sort();
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let name = pending.shift(); name; name = pending.shift()) {
      const { stdout } = await promisify(execFile)('npm', [
        'view',
        name,
        'version',
      ]);
      latest.set(name, stdout.trim());
    }
  }),
);

let differences = 0;
for (const { file, json } of manifests) {
  let changed = false;
  for (const section of sections) {
    const deps = json[section];
    if (!deps) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (!latest.has(name)) continue;
      // peer ranges stay loose; only pin the lower bound of deps
      const wanted =
        section === 'peerDependencies' ? range : `^${latest.get(name)}`;
      if (range !== wanted) {
        differences += 1;
        console.log(`${file}: ${name} ${range} -> ${wanted}`);
        deps[name] = wanted;
        changed = true;
      }
    }
  }
  if (changed && !checkOnly) {
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
}
console.log(`${names.size} @backstage packages, ${differences} ranges changed`);
if (checkOnly && differences > 0) process.exit(1);
