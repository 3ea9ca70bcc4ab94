#!/usr/bin/env node
// Fails when a configuration secret could reach, or has reached, the browser.
//
//   source scripts/lib/env.sh && yarn workspace app build
//   node scripts/check-bundle-secrets.mjs               # exit 0 clean, 1 secret found
//   node scripts/check-bundle-secrets.mjs --self-test   # proves the scan can fail
//   node scripts/check-bundle-secrets.mjs --print-canary-env
//
// BUNDLE_DIST=<dir> scans another build output. Exit 2: no build, or a setup error.
//
// Secrets are collected from the repository's app-config*.yaml (parsed with `yaml`):
//   - every value the config schema marks `@visibility secret`: the schema is the one
//     Backstage builds from all workspace packages and their dependencies
//     (@backstage/config-loader loadConfigSchema); `process()` with a `valueTransform`
//     reports each value's effective visibility, exactly as the backend and the app
//     build filter it;
//   - every string under a secret-like key name (password, secret, token, apiKey,
//     clientSecret, privateKey, credentials, key, ...) and every connection string
//     (a `connection` string, or any URL with user:password@), whatever the schema says;
//   - both ways of resolving ${VAR} / ${VAR:-fallback} / {$env: VAR}: as configured
//     now (the environment when set, else the fallback: this is what a build on this
//     machine embeds), and with canaries: each referenced variable that is not set gets
//     a fixed canary value (see --print-canary-env), so production-only secrets such as
//     ${AUTH_OIDC_CLIENT_SECRET} have a value to look for;
//   - a canary overlay for the console's own secrets, which no config file sets:
//     workflows.temporal.apiKey, workflows.models[].apiKey, aiMetrics.prometheus.token,
//     backend.auth.externalAccess static tokens (the ai-metrics ingest producers).
//
// Checks:
//   1. schema: every property of our own packages' config schemas (@ai-ops-console/*, app,
//      backend) with a secret-like name is `@visibility secret`;
//   2. visibility: no secret value sits at, or inside, a value whose effective
//      visibility is `frontend` (that is what Backstage injects into index.html at
//      build time and serves to the browser at runtime);
//   3. bundle: no secret value occurs in any file of packages/app/dist (index.html,
//      chunks, source maps, .config-schema.json), raw, JSON-escaped, URL-encoded or
//      base64-encoded. A canary can only be found when the build ran with the canary
//      environment, e.g.:
//        eval "$(node scripts/check-bundle-secrets.mjs --print-canary-env)"
//        yarn workspace app build && node scripts/check-bundle-secrets.mjs
// Findings name the config path and file, never the value.
//
// Values shorter than 8 characters and trivial words (development, production, true,
// :memory:, ...) are not scanned: short strings occur by chance in minified code and
// these words occur in every React bundle, so they would only produce false alarms
// that teach people to ignore the check; a real secret is long and random. Numbers and
// booleans are not secrets. The ignored values are listed by path.
import configLoader from '@backstage/config-loader';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const { loadConfigSchema } = configLoader;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(
  process.env.BUNDLE_DIST ?? join(ROOT, 'packages/app/dist'),
);
const MIN_LENGTH = 8;
const TRIVIAL = new Set([
  'development',
  'production',
  'test',
  'true',
  'false',
  'null',
  'undefined',
  ':memory:',
  'localhost',
  'better-sqlite3',
  'changeme',
  'password',
  'secret',
]);
const SECRET_KEY =
  /(password|passwd|passphrase|secret|token|apikey|api_key|privatekey|private_key|accesskey|access_key|credentials?|^key)$/i;
const CANARY_SUFFIX = 'c4n4ry7e1f';
const canaryFor = name =>
  `bundle-secret-canary-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}-${CANARY_SUFFIX}`;

const args = new Set(process.argv.slice(2));
const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message, code = 2) => {
  process.stderr.write(`check-bundle-secrets: ${message}\n`);
  process.exit(code);
};
const rel = p => {
  const r = relative(ROOT, p).split(sep).join('/');
  return r.startsWith('../') ? p : r;
};

// ---------------------------------------------------------------- config files

const configFiles = readdirSync(ROOT)
  .filter(f => /^app-config(\..+)?\.ya?ml$/.test(f))
  .sort((a, b) =>
    a === 'app-config.yaml'
      ? -1
      : b === 'app-config.yaml'
      ? 1
      : a.localeCompare(b),
  );
if (!configFiles.length) fail('no app-config*.yaml in the repository root');
const rawConfigs = configFiles.map(file => ({
  context: file,
  data: YAML.parse(readFileSync(join(ROOT, file), 'utf8')) ?? {},
}));

/** Every environment variable the configs reference: name -> has a fallback. */
function envReferences(node, out = new Map()) {
  if (typeof node === 'string') {
    for (const m of node.matchAll(/(\$?)\$\{([^{}]*)\}/g)) {
      if (m[1]) continue; // $${...} is an escaped literal
      const sep = m[2].indexOf(':-');
      const name = (sep < 0 ? m[2] : m[2].slice(0, sep)).trim();
      out.set(name, (out.get(name) ?? false) || sep >= 0);
    }
  } else if (Array.isArray(node)) {
    node.forEach(n => envReferences(n, out));
  } else if (node && typeof node === 'object') {
    if (typeof node.$env === 'string')
      out.set(node.$env, out.get(node.$env) ?? false);
    Object.values(node).forEach(n => envReferences(n, out));
  }
  return out;
}
const referenced = new Map();
for (const { data } of rawConfigs) envReferences(data, referenced);

const unsupported = [];
/** Resolves ${VAR}, ${VAR:-fallback} and {$env: VAR} as Backstage does; unset drops the key. */
function substitute(node, env, path = '') {
  if (typeof node === 'string') {
    let dropped = false;
    const value = node.replace(/(\$?)\$\{([^{}]*)\}/g, (all, escaped, body) => {
      if (escaped) return all.slice(1);
      const at = body.indexOf(':-');
      const name = (at < 0 ? body : body.slice(0, at)).trim();
      const resolved =
        env[name] ||
        (at < 0 ? undefined : body.slice(at + 2).trim()) ||
        undefined;
      if (resolved === undefined) dropped = true;
      return resolved ?? '';
    });
    return dropped ? undefined : value;
  }
  if (Array.isArray(node)) {
    return node
      .map((n, i) => substitute(n, env, `${path}[${i}]`))
      .filter(v => v !== undefined);
  }
  if (node && typeof node === 'object') {
    if ('$env' in node) return env[node.$env] || undefined;
    for (const key of ['$file', '$include']) {
      if (key in node) {
        unsupported.push(`${path} (${key})`);
        return undefined;
      }
    }
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      const r = substitute(v, env, path ? `${path}.${k}` : k);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return node;
}

const CANARY_OVERLAY = {
  context: 'canary overlay (console secrets no config file sets)',
  data: {
    backend: {
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: {
              token: canaryFor('backend.auth.externalAccess.token'),
              subject: 'ai-metrics-producer',
            },
          },
        ],
      },
    },
    workflows: {
      temporal: { apiKey: canaryFor('workflows.temporal.apiKey') },
      models: [
        {
          id: 'canary-model',
          baseUrl: 'https://models.example.invalid/v1',
          model: 'canary-model',
          apiKey: canaryFor('workflows.models.apiKey'),
        },
      ],
    },
    aiMetrics: {
      prometheus: {
        access: 'token',
        token: canaryFor('aiMetrics.prometheus.token'),
      },
    },
  },
};

// ---------------------------------------------------------------- schema

function workspacePackageJsons() {
  const out = [];
  for (const dir of ['packages', 'plugins']) {
    for (const name of existsSync(join(ROOT, dir))
      ? readdirSync(join(ROOT, dir))
      : []) {
      const file = join(ROOT, dir, name, 'package.json');
      if (existsSync(file)) out.push(file);
    }
  }
  return out;
}

async function loadSchema() {
  const cwd = process.cwd();
  process.chdir(ROOT); // schema collection resolves packages from the working directory
  try {
    return await loadConfigSchema({
      dependencies: [],
      packagePaths: workspacePackageJsons(),
    });
  } finally {
    process.chdir(cwd);
  }
}

const lastKey = path =>
  path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .pop() ?? '';
const isConnectionString = (path, value) =>
  /(^|\.)connection(String)?$/i.test(path.replace(/\[\d+\]$/, '')) ||
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value) ||
  /(^|;)\s*(password|pwd)\s*=/i.test(value);

/** Values with their effective visibility, as Backstage's schema processing sees them. */
function classify(schema, configs) {
  const records = [];
  const run = ignoreSchemaErrors =>
    schema.process(configs, {
      ignoreSchemaErrors,
      valueTransform: (value, { visibility, path }) => {
        records.push({ value, visibility, path });
        return value;
      },
    });
  // process() hands each config's values to valueTransform in order; tag them after
  let schemaError;
  let processed;
  try {
    processed = run(false);
  } catch (error) {
    schemaError = error.messages ?? [error.message];
    records.length = 0;
    processed = run(true);
  }
  let i = 0;
  processed.forEach(({ context, data }) => {
    const count = countPrimitives(data);
    for (let k = 0; k < count; k++) records[i++].context = context;
  });
  return { records, schemaError };
}
function countPrimitives(node) {
  if (node === null || node === undefined) return 0;
  if (Array.isArray(node))
    return node.reduce((n, v) => n + countPrimitives(v), 0);
  if (typeof node === 'object')
    return Object.values(node).reduce((n, v) => n + countPrimitives(v), 0);
  return 1;
}

/** Properties of our own schemas with a secret-like name that are not `@visibility secret`. */
function schemaViolations(schema) {
  const own = name =>
    name.startsWith('@ai-ops-console/') || name === 'app' || name === 'backend';
  const out = [];
  const checked = [];
  function walk(node, path, pkg) {
    if (!node || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = path ? `${path}.${key}` : key;
      if (SECRET_KEY.test(key) && child && typeof child === 'object') {
        const types = [
          child.type,
          ...(child.anyOf ?? []).map(s => s.type),
        ].flat();
        if (types.some(t => t === undefined || t === 'string')) {
          checked.push(`${p} (${pkg})`);
          if (
            child.visibility !== 'secret' &&
            child.deepVisibility !== 'secret'
          ) {
            out.push(
              `${pkg}: ${p} has a secret-like name but is @visibility ${
                child.visibility ?? 'backend'
              }`,
            );
          }
        }
      }
      walk(child, p, pkg);
    }
    if (node.items) walk(node.items, `${path}[]`, pkg);
    if (node.additionalProperties)
      walk(node.additionalProperties, `${path}.*`, pkg);
    for (const k of ['anyOf', 'oneOf', 'allOf'])
      for (const s of node[k] ?? []) walk(s, path, pkg);
  }
  for (const { packageName, value } of schema.serialize().schemas) {
    if (own(packageName)) walk(value, '', packageName);
  }
  return { violations: out, checked };
}

// ---------------------------------------------------------------- secrets

function reasonsOf(r) {
  const reasons = [];
  if (r.visibility === 'secret') reasons.push('@visibility secret');
  if (typeof r.value === 'string') {
    if (SECRET_KEY.test(lastKey(r.path))) reasons.push('secret-like key');
    if (isConnectionString(r.path, r.value)) reasons.push('connection string');
  }
  return reasons;
}

async function collectSecrets() {
  const schema = await loadSchema();
  const evaluate = (env, extra) =>
    classify(schema, [
      ...rawConfigs.map(c => ({
        context: c.context,
        data: substitute(c.data, env),
      })),
      ...extra,
    ]);
  // which unset variables feed a secret: resolve them all to canaries once and look
  const unset = [...referenced.keys()].filter(name => !process.env[name]);
  const probeEnv = { ...process.env };
  for (const name of unset) probeEnv[name] = canaryFor(name);
  const probe = evaluate(probeEnv, []).records.filter(r => reasonsOf(r).length);
  const canaries = unset.filter(name =>
    probe.some(
      r => typeof r.value === 'string' && r.value.includes(canaryFor(name)),
    ),
  );
  const canaryEnv = { ...process.env };
  for (const name of canaries) canaryEnv[name] = canaryFor(name);
  const scenarios = [
    { name: 'as configured', env: { ...process.env }, extra: [] },
    { name: 'canary', env: canaryEnv, extra: [CANARY_OVERLAY] },
  ];
  const secrets = new Map(); // value -> { value, where: Set }
  const ignored = new Map(); // path@context -> reason
  const frontendLeaks = [];
  const schemaErrors = [];
  for (const scenario of scenarios) {
    const { records, schemaError } = evaluate(scenario.env, scenario.extra);
    if (schemaError)
      schemaErrors.push({ scenario: scenario.name, messages: schemaError });
    const frontendValues = records.filter(
      r => r.visibility === 'frontend' && typeof r.value === 'string',
    );
    for (const r of records) {
      const reasons = reasonsOf(r);
      if (!reasons.length) continue;
      const where = `${r.path} in ${r.context}`;
      if (typeof r.value !== 'string') {
        ignored.set(where, `${typeof r.value}, not a string`);
        continue;
      }
      if (r.value.length < MIN_LENGTH || TRIVIAL.has(r.value.toLowerCase())) {
        ignored.set(
          where,
          r.value.length < MIN_LENGTH
            ? `shorter than ${MIN_LENGTH}`
            : 'trivial value',
        );
        continue;
      }
      let entry = secrets.get(r.value);
      if (!entry)
        secrets.set(r.value, (entry = { value: r.value, where: new Map() }));
      const label = r.value.includes(CANARY_SUFFIX) ? 'canary' : scenario.name;
      entry.where.set(where, {
        path: r.path,
        context: r.context,
        reasons,
        scenario: label,
      });
      for (const f of frontendValues) {
        if (f.value.includes(r.value)) {
          frontendLeaks.push(
            `${where} (${reasons.join(', ')}) is visible to the frontend` +
              (f.path === r.path ? '' : ` inside ${f.path}`) +
              ` [${scenario.name}]`,
          );
        }
      }
    }
  }
  return {
    schema,
    secrets: [...secrets.values()],
    ignored,
    frontendLeaks: [...new Set(frontendLeaks)],
    schemaErrors,
    canaries,
    unset,
  };
}

// ---------------------------------------------------------------- scan

function walkFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...walkFiles(file));
    else out.push(file);
  }
  return out;
}

function encodings(value) {
  const forms = new Map([['raw', value]]);
  const json = JSON.stringify(value).slice(1, -1);
  if (json !== value) forms.set('JSON-escaped', json);
  const url = encodeURIComponent(value);
  if (url !== value) forms.set('URL-encoded', url);
  forms.set('base64', Buffer.from(value).toString('base64'));
  return forms;
}

/** Every (secret, file, encoding) occurrence under dir. */
function scan(dir, secrets) {
  const needles = secrets.flatMap(secret =>
    [...encodings(secret.value)].map(([encoding, form]) => ({
      secret,
      encoding,
      bytes: Buffer.from(form),
    })),
  );
  const findings = [];
  const files = walkFiles(dir);
  for (const file of files) {
    const buf = readFileSync(file);
    for (const n of needles) {
      if (buf.indexOf(n.bytes) >= 0)
        findings.push({ secret: n.secret, file, encoding: n.encoding });
    }
  }
  return { findings, files: files.length };
}

const describe = secret =>
  [...secret.where.values()]
    .map(
      w => `${w.path} (${w.context}; ${w.reasons.join(', ')}; ${w.scenario})`,
    )
    .join(' = ');

// ---------------------------------------------------------------- main

if (!existsSync(join(DIST, 'index.html'))) {
  fail(
    `no app build in ${rel(DIST)} (index.html missing).\n` +
      'Build it first:  source scripts/lib/env.sh && yarn workspace app build',
  );
}

let collected;
try {
  collected = await collectSecrets();
} catch (error) {
  fail(`could not load the config schema or configs: ${error.stack ?? error}`);
}
const {
  schema,
  secrets,
  ignored,
  frontendLeaks,
  schemaErrors,
  canaries,
  unset,
} = collected;

if (args.has('--print-canary-env')) {
  for (const name of [...canaries].sort())
    say(`export ${name}=${canaryFor(name)}`);
  process.exit(0);
}

if (args.has('--self-test')) {
  // a secret the schema marks (the canary of a production secret when there is one),
  // planted raw in a copy of index.html and base64-encoded in a copy of the entry chunk
  const bySchema = s =>
    [...s.where.values()].some(w => w.reasons.includes('@visibility secret'));
  const fromFile = s =>
    [...s.where.values()].some(w => configFiles.includes(w.context));
  const planted =
    secrets.find(
      s => bySchema(s) && fromFile(s) && s.value.includes(CANARY_SUFFIX),
    ) ??
    secrets.find(bySchema) ??
    secrets[0];
  if (!planted) fail('self-test: no secret collected from the configs', 1);
  const staticDir = join(DIST, 'static');
  const entry = existsSync(staticDir)
    ? readdirSync(staticDir).find(f => /^main\..*\.js$/.test(f))
    : undefined;
  const cases = [
    { target: join(DIST, 'index.html'), encoding: 'raw', form: planted.value },
    ...(entry
      ? [
          {
            target: join(staticDir, entry),
            encoding: 'base64',
            form: Buffer.from(planted.value).toString('base64'),
          },
        ]
      : []),
  ];
  let ok = true;
  for (const { target, encoding, form } of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-secrets-'));
    try {
      const copy = join(dir, target.split(sep).pop());
      const original = readFileSync(target, 'utf8');
      writeFileSync(copy, original);
      const before = scan(dir, secrets).findings.length;
      const at = Math.floor(original.length / 2);
      writeFileSync(
        copy,
        `${original.slice(0, at)}${form}${original.slice(at)}`,
      );
      const after = scan(dir, secrets).findings;
      const hit = after.some(
        f => f.secret === planted && f.encoding === encoding,
      );
      let pass = before === 0 && hit;
      let exitNote = '';
      if (target.endsWith('index.html')) {
        // end to end: the check itself, pointed at the planted copy, must exit 1
        const child = spawnSync(
          process.execPath,
          [fileURLToPath(import.meta.url)],
          {
            env: { ...process.env, BUNDLE_DIST: dir },
            encoding: 'utf8',
          },
        );
        pass &&= child.status === 1;
        exitNote = `; the check on that folder exits ${child.status}`;
      }
      ok &&= pass;
      say(
        `self-test ${pass ? 'PASS' : 'FAIL'}: ${
          describe(planted).split(' = ')[0]
        } planted ${encoding} ` +
          `in a temp copy of ${rel(target)}: ${before} finding(s) before, ${
            after.length
          } after` +
          (after.length
            ? ` (${after
                .map(f => `${describe(f.secret).split(' (')[0]} ${f.encoding}`)
                .join(', ')})`
            : '') +
          exitNote,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exit(ok ? 0 : 1);
}

const { violations, checked } = schemaViolations(schema);
const started = Date.now();
const { findings, files } = scan(DIST, secrets);

say(`Config files: ${configFiles.join(', ')}`);
say(
  `Environment variables referenced: ${referenced.size}, ${unset.length} not set; canaries for the ` +
    `${canaries.length} of those that feed a secret` +
    (canaries.length ? `: ${canaries.join(', ')}` : ''),
);
if (unsupported.length)
  say(`Not followed ($file/$include): ${[...new Set(unsupported)].join(', ')}`);
for (const e of schemaErrors) {
  // expected while production variables are unset (their keys drop out); visibilities
  // are still known, so classification goes on with the errors ignored
  const shown = e.messages.slice(0, 3).map(m => m.replace(/^Config /, ''));
  say(
    `Schema validation (${e.scenario}): ${e.messages.length} problem(s), not checked here: ` +
      `${shown.join('; ')}${e.messages.length > shown.length ? '; ...' : ''}`,
  );
}
say();
say(
  `1. Schema: ${
    checked.length
  } secret-like properties in our config schemas, all @visibility secret: ${
    violations.length ? 'NO' : 'yes'
  }`,
);
for (const c of checked) say(`     ${c}`);
for (const v of violations) say(`   FAIL ${v}`);
say(
  `2. Visibility: secrets visible to the frontend: ${
    frontendLeaks.length || 'none'
  }`,
);
for (const l of frontendLeaks) say(`   FAIL ${l}`);
say(
  `3. Bundle: ${secrets.length} secret values x ${files} files in ${rel(
    DIST,
  )} (${Date.now() - started} ms)`,
);
for (const s of secrets) say(`     ${describe(s)}`);
if (ignored.size) {
  say(`   not scanned (${ignored.size}):`);
  for (const [where, reason] of ignored) say(`     ${where}: ${reason}`);
}
for (const f of findings) {
  say(`   FAIL ${describe(f.secret)} found in ${rel(f.file)} (${f.encoding})`);
}
const failed = violations.length + frontendLeaks.length + findings.length;
say();
say(
  failed
    ? `FAILED: ${failed} problem(s)`
    : 'OK: no configuration secret in the bundle',
);
process.exit(failed ? 1 : 0);
