// Shared pieces of the topology tests (not a test file itself): where the
// processes of scripts/topology.sh listen, sign-in through the dev IdP, and
// what each process reports. The topology writes .run/topology/topology.env
// when it is ready.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { backstageSignIn } from '../../packages/dev-idp/test/http-client.js';

export const ROOT = resolve(__dirname, '../..');
const RUN = resolve(ROOT, '.run/topology');
const requireFromRoot = createRequire(resolve(ROOT, 'package.json'));

function readEnv(): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(RUN, 'topology.env'), 'utf8');
  } catch {
    throw new Error(
      'no topology: start it with scripts/topology.sh start (it writes .run/topology/topology.env)',
    );
  }
  return Object.fromEntries(
    text
      .split('\n')
      .filter(line => line.includes('='))
      .map(line => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
  );
}

export const env = readEnv();
export const PROXY = env.TOPOLOGY_URL;
const [api1, api2] = env.TOPOLOGY_API_PORTS.split(',').map(Number);

export type Process = { name: string; port: number; url: string };
const at = (name: string, port: number): Process => ({
  name,
  port,
  url: `http://127.0.0.1:${port}`,
});
export const REPLICAS: Process[] = [at('api-1', api1), at('api-2', api2)];
export const WORKER = at('worker', Number(env.TOPOLOGY_WORKER_PORT));

/** The pid of a process of the topology, as scripts/topology.sh wrote it. */
export function pidOf(name: string): number {
  return Number(readFileSync(resolve(RUN, `${name}.pid`), 'utf8').trim());
}

/** Which replica answered a request through the proxy: its port. */
export function upstreamPort(headers: Record<string, string>): number {
  return Number(headers['x-console-upstream']?.split(':').pop());
}

/** A Backstage token of a dev IdP user, signed in through the proxy. */
export async function signInAs(user: string): Promise<string> {
  return (await backstageSignIn(PROXY, user)).token;
}

export const bearer = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
});

/** The claims of a Backstage token (read, not verified). */
export function claimsOf(token: string): { sub: string; sid?: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/**
 * One request from a given local address (127.0.0.0/8 is all loopback on
 * Linux): to the proxy, each address is another client.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { localAddress, headers }, res => {
      res.resume();
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The sum of a Prometheus counter's samples whose labels include `labels`. */
export function counterValue(
  text: string,
  name: string,
  labels: Record<string, string>,
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const [series, value] = line.split(/\s+/);
    const matches = Object.entries(labels).every(([k, v]) =>
      series.includes(`${k}="${v}"`),
    );
    if (matches) sum += Number(value);
  }
  return sum;
}

/** GET with a token; throws unless 200. */
export async function getText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: bearer(token) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
  return text;
}

/** Waits until `fn` answers true; throws naming `what` after `timeoutMs`. */
export async function waitUntil(
  fn: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(250);
  }
}

/** Starts what of the topology is not running (after a kill, say). */
export async function restartMissing() {
  await promisify(execFile)(resolve(ROOT, 'scripts/topology.sh'), ['start'], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
      DEV_IDP_PORT: env.DEV_IDP_PORT,
    },
    timeout: 180_000,
  });
}

/** Runs `fn` with a client of a database of the topology (`<prefix><plugin>`). */
export async function withDatabase<T>(
  plugin: string,
  fn: (client: {
    query(sql: string, values?: unknown[]): Promise<{ rows: any[] }>;
  }) => Promise<T>,
): Promise<T> {
  const { Client } = requireFromRoot('pg');
  const client = new Client({
    connectionString: `${env.PG_URL}/${env.TOPOLOGY_DB_PREFIX}${plugin}`,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The Temporal client library, from the repository's dependencies. */
export function temporalClient(): typeof import('@temporalio/client') {
  return requireFromRoot('@temporalio/client');
}
