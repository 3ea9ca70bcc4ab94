#!/usr/bin/env node
// Writes each backend plugin's openapi.yaml from the API its family declares
// (`apiSpec`: the zod schemas that also validate its requests), for the
// catalog and the API reference. The declarations live in the -common
// package (src/api/index.ts), or for a backend not moved yet in its
// src/service/api.ts. Run through Backstage's
// TypeScript loader:
//   node --require @backstage/cli-node/config/nodeTransform.cjs scripts/openapi.cjs          rewrite
//   node --require @backstage/cli-node/config/nodeTransform.cjs scripts/openapi.cjs --check  exit 1 when out of date
// Plugin names (e.g. workflows-backend) limit it to those plugins.
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const prettier = require('prettier');
const { stringify } = require('yaml');

const root = join(__dirname, '..');
const PLUGINS = [
  'workflows-backend',
  'ai-metrics-backend',
  'user-admin-backend',
];
const check = process.argv.includes('--check');
// plugin names given on the command line limit the run to them
const named = process.argv.slice(2).filter(arg => !arg.startsWith('--'));

/** Where a backend's API is declared, relative to the repository. */
function specSource(plugin) {
  const common = `plugins/${plugin.replace(
    /-backend$/,
    '-common',
  )}/src/api/index.ts`;
  if (existsSync(join(root, common))) return common;
  return `plugins/${plugin}/src/service/api.ts`;
}

async function main() {
  let stale = 0;
  for (const plugin of named.length ? named : PLUGINS) {
    if (!PLUGINS.includes(plugin)) {
      console.error(`unknown plugin ${plugin}: one of ${PLUGINS.join(', ')}`);
      process.exit(2);
    }

    const dir = join(root, 'plugins', plugin);
    const source = specSource(plugin);
    const { apiSpec } = require(join(root, source));
    const generated =
      `# Generated from ${source} by scripts/openapi.cjs: do not edit.\n` +
      `# Served at GET /api/${apiSpec.pluginId}/openapi.json; the catalog reads this copy.\n` +
      stringify(apiSpec.document(), { lineWidth: 0 });
    const file = join(dir, 'openapi.yaml');
    // formatted as the repository's prettier check wants it
    const text = await prettier.format(generated, {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      stale += 1;
      console.error(
        `plugins/${plugin}/openapi.yaml is out of date: run node --require @backstage/cli-node/config/nodeTransform.cjs scripts/openapi.cjs`,
      );
    } else {
      writeFileSync(file, text);
      console.log(`wrote plugins/${plugin}/openapi.yaml`);
    }
  }
  return stale;
}

main().then(
  stale => process.exit(stale ? 1 : 0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
