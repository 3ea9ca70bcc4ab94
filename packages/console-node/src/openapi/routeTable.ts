import express from 'express';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';

// Checks of a served OpenAPI document against the route table of the express
// router that serves it, shared by the console's backend plugins' tests:
// every route documented, every documented operation routed, local $refs
// resolving, path parameters matching their `{names}`.

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** `get /users/{id}` for each method and path the express router registers. */
export function routerOperations(router: express.Router): string[] {
  const operations = new Set<string>();
  for (const layer of router.stack) {
    const route = layer.route as
      | { path: unknown; methods: Record<string, boolean> }
      | undefined;
    if (!route) continue;
    if (typeof route.path !== 'string') {
      throw new Error(`route path ${String(route.path)} is not a string`);
    }
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const [method, registered] of Object.entries(route.methods)) {
      if (registered && method !== '_all') operations.add(`${method} ${path}`);
    }
  }
  return [...operations].sort();
}

export type OpenApiDocument = {
  openapi?: unknown;
  paths?: Record<string, Record<string, unknown>>;
};

export function documentOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter(key => HTTP_METHODS.includes(key))
        .map(method => `${method} ${path}`),
    )
    .sort();
}

const MISSING = Symbol('missing');

/** The part of the document a local `$ref` points at, or MISSING. */
function lookup(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return MISSING;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      return MISSING;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The `$ref`s of the document that do not point at a part of it. */
export function unresolvedRefs(document: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') {
          if (typeof value !== 'string' || lookup(document, value) === MISSING)
            problems.push(String(value));
        } else {
          visit(value);
        }
      }
    }
  };
  visit(document);
  return problems;
}

/** Operations whose path parameters differ from the `{names}` of their path. */
export function pathParameterProblems(document: OpenApiDocument): string[] {
  type Parameter = { name?: string; in?: string; $ref?: string };
  const deref = (p: Parameter) =>
    (p.$ref ? lookup(document, p.$ref) : p) as Parameter;
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]).sort();
    for (const method of Object.keys(item).filter(k =>
      HTTP_METHODS.includes(k),
    )) {
      const operation = item[method] as { parameters?: Parameter[] };
      const declared = [
        ...((item.parameters as Parameter[] | undefined) ?? []),
        ...(operation.parameters ?? []),
      ]
        .map(deref)
        .filter(p => p?.in === 'path')
        .map(p => p.name)
        .sort();
      if (JSON.stringify(declared) !== JSON.stringify(inPath)) {
        problems.push(`${method} ${path}: declares ${declared.join(', ')}`);
      }
    }
  }
  return problems;
}

/**
 * Everything wrong between a declared API, the router that serves it and the
 * openapi.yaml checked in beside it (which the catalog and the API reference
 * read): operations declared but not routed or routed but not declared, a
 * committed copy that is not the generated document, `$refs` that do not
 * resolve, path parameters that do not match. Empty when all is well.
 */
export function apiDocumentProblems(options: {
  document: OpenApiDocument;
  router: express.Router;
  /** The committed openapi.yaml. */
  committedFile: string;
  /** The plugin's folder name, e.g. `workflows-backend`. */
  pluginFolder: string;
}): string[] {
  const { document, router } = options;
  const problems: string[] = [];
  const routed = routerOperations(router);
  const declared = documentOperations(document);
  for (const operation of declared.filter(o => !routed.includes(o))) {
    problems.push(`declared but not routed: ${operation}`);
  }
  for (const operation of routed.filter(o => !declared.includes(o))) {
    problems.push(`routed but not declared: ${operation}`);
  }
  if (!/^3\./.test(String(document.openapi))) {
    problems.push(`not OpenAPI 3: ${String(document.openapi)}`);
  }
  problems.push(...unresolvedRefs(document).map(ref => `unresolved ${ref}`));
  problems.push(...pathParameterProblems(document));
  const committed = parseYaml(readFileSync(options.committedFile, 'utf8'));
  if (!isDeepStrictEqual(committed, JSON.parse(JSON.stringify(document)))) {
    problems.push(
      `${options.committedFile} is not the document generated from the declared API: run node --require @backstage/cli-node/config/nodeTransform.cjs scripts/openapi.cjs ${options.pluginFolder}`,
    );
  }
  return problems;
}
