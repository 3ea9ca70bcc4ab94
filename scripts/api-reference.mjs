#!/usr/bin/env node
// Writes docs/api-reference.md from the OpenAPI documents the backend plugins
// serve (plugins/*-backend/openapi.yaml), so the reference never drifts from
// what the servers answer.
//   node scripts/api-reference.mjs          rewrite docs/api-reference.md
//   node scripts/api-reference.mjs --check  exit 1 when it is out of date
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'api-reference.md');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const cell = text =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

function refName(ref) {
  return ref.split('/').pop();
}

function schemaText(schema, doc, depth = 0) {
  if (!schema) return '';
  if (schema.$ref)
    return `[${refName(schema.$ref)}](#${anchor(doc, refName(schema.$ref))})`;
  if (schema.oneOf || schema.anyOf) {
    return (schema.oneOf ?? schema.anyOf)
      .map(s => schemaText(s, doc, depth))
      .join(' or ');
  }
  if (schema.type === 'array')
    return `array of ${schemaText(schema.items, doc, depth)}`;
  if (schema.enum) return schema.enum.map(v => `\`${v}\``).join(', ');
  if (schema.type === 'object' && schema.properties && depth < 1) {
    const required = new Set(schema.required ?? []);
    return `{ ${Object.entries(schema.properties)
      .map(
        ([k, v]) =>
          `${k}${required.has(k) ? '' : '?'}: ${schemaText(v, doc, depth + 1)}`,
      )
      .join(', ')} }`;
  }
  const bounds = [];
  if (schema.format) bounds.push(schema.format);
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined)
    bounds.push(`≤ ${schema.maxLength} chars`);
  if (schema.maxItems !== undefined) bounds.push(`≤ ${schema.maxItems} items`);
  return `${schema.type ?? 'object'}${
    bounds.length ? ` (${bounds.join(', ')})` : ''
  }`;
}

function anchor(doc, name) {
  return `${doc.info.title}-${name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function section(pluginId, doc) {
  const lines = [];
  lines.push(`## ${pluginId}`, '');
  if (doc.info.description) lines.push(doc.info.description.trim(), '');
  lines.push(
    `Base path \`/api/${pluginId}\`; the document itself is served at \`GET /api/${pluginId}/openapi.json\`. ` +
      'Every route takes a Backstage token (`Authorization: Bearer …`) unless it says otherwise; errors are ' +
      '`{ error: { name, message } }` with 400 (what is wrong), 401, 403, 404, 409, 429 (with `Retry-After`) or 503.',
    '',
  );
  lines.push(
    '| Method | Path | What it does | Answers |',
    '| --- | --- | --- | --- |',
  );
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations.push({ path, method, op, shared: item.parameters ?? [] });
      const codes = Object.keys(op.responses ?? {}).join(', ');
      lines.push(
        `| ${method.toUpperCase()} | \`${path}\` | ${cell(
          op.summary ?? op.description,
        )} | ${codes} |`,
      );
    }
  }
  lines.push('');
  for (const { path, method, op, shared } of operations) {
    lines.push(`### ${method.toUpperCase()} \`/api/${pluginId}${path}\``, '');
    if (op.description && op.description !== op.summary)
      lines.push(op.description.trim(), '');
    else if (op.summary) lines.push(op.summary.trim(), '');
    if (op.security && op.security.length === 0)
      lines.push('No token needed.', '');
    const params = [...shared, ...(op.parameters ?? [])].map(p =>
      p.$ref ? doc.components.parameters[refName(p.$ref)] : p,
    );
    if (params.length) {
      lines.push(
        '| Parameter | In | Type | Required | Description |',
        '| --- | --- | --- | --- | --- |',
      );
      for (const p of params) {
        lines.push(
          `| \`${p.name}\` | ${p.in} | ${cell(schemaText(p.schema, doc))} | ${
            p.required ? 'yes' : 'no'
          } | ${cell(p.description)} |`,
        );
      }
      lines.push('');
    }
    const body = op.requestBody?.content?.['application/json']?.schema;
    if (body) lines.push(`Body: ${schemaText(body, doc)}`, '');
    for (const [code, declared] of Object.entries(op.responses ?? {})) {
      const response = declared.$ref
        ? doc.components.responses[refName(declared.$ref)]
        : declared;
      const schema = response.content?.['application/json']?.schema;
      lines.push(
        `- ${code}: ${cell(response.description)}${
          schema ? ` — ${schemaText(schema, doc)}` : ''
        }`,
      );
    }
    lines.push('');
  }
  const schemas = doc.components?.schemas ?? {};
  if (Object.keys(schemas).length) {
    lines.push(`### Schemas of ${pluginId}`, '');
    for (const [name, schema] of Object.entries(schemas)) {
      lines.push(
        `<a id="${anchor(doc, name)}"></a>**${name}**: ${cell(
          schemaText(schema, doc),
        )}`,
        '',
      );
    }
  }
  return lines.join('\n');
}

const plugins = readdirSync(join(root, 'plugins'))
  .filter(
    d =>
      d.endsWith('-backend') &&
      existsSync(join(root, 'plugins', d, 'openapi.yaml')),
  )
  .sort();
const parts = [
  '# API reference',
  '',
  'Generated by `node scripts/api-reference.mjs` from the OpenAPI documents each backend plugin serves ' +
    '(`plugins/*-backend/openapi.yaml`); the test command fails when this file is out of date. ' +
    'Do not edit it by hand.',
  '',
];
for (const dir of plugins) {
  const doc = parse(
    readFileSync(join(root, 'plugins', dir, 'openapi.yaml'), 'utf8'),
  );
  parts.push(section(dir.replace(/-backend$/, ''), doc));
}
// formatted as the repository's prettier check wants it
const text = await prettier.format(parts.join('\n'), {
  ...(await prettier.resolveConfig(out)),
  parser: 'markdown',
});

if (process.argv.includes('--check')) {
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current !== text) {
    console.error(
      'docs/api-reference.md is out of date: run node scripts/api-reference.mjs',
    );
    process.exit(1);
  }
  console.log('docs/api-reference.md is up to date');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
