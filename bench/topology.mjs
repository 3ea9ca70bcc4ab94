#!/usr/bin/env node
// Benchmark of the production topology (scripts/topology.sh: two API
// replicas behind nginx, one worker, PostgreSQL, Redis, a Temporal server on
// PostgreSQL). A benchmark, not a test: it prints figures beside their goals
// and anchors measured in the same run.
//
//   1. baseline   reads through the proxy without ingest (the anchor for 3)
//   2. one        ingest at full rate through the proxy pinned to one replica
//                 (cookie console_replica=1), reads pinned alike
//   3. two        the same through the proxy round-robin over both replicas
//   4. soak       ingest for BENCH_SOAK_SECONDS (600) at BENCH_SOAK_RATE
//                 events/s (5,000) through the proxy with reads at the same
//                 read rate; the memory (RSS) of each process sampled every
//                 15 s: after the warm-up (the first BENCH_WARMUP_SECONDS, 120)
//                 it should not grow
//
// Start the topology with the benchmark's layer (a static producer token and
// no rate limit on ingest, which is the point here), then run from the
// repository root:
//   BENCH_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=') \
//   TOPOLOGY_EXTRA_CONFIG=bench/topology.app-config.yaml scripts/topology.sh start
//   BENCH_TOKEN=<the same> node bench/topology.mjs
// BENCH_SECONDS (30) per phase 2 and 3, BENCH_BASELINE_SECONDS (15),
// BENCH_CONCURRENCY (8) batches of BENCH_BATCH (500) events,
// BENCH_READ_RATE (10) reads/s, BENCH_SOAK_SECONDS=0 skips the soak.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  allReadLatencies,
  describeIngest,
  describeReads,
  fmt,
  ingest,
  loopbackBase,
  quantile,
  readErrors,
  readLoop,
  rssOf,
  say,
} from './lib/load.mjs';

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const BASELINE_SECONDS = Number(env.BENCH_BASELINE_SECONDS ?? 15);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 8);
const BATCH = Number(env.BENCH_BATCH ?? 500);
const READ_RATE = Number(env.BENCH_READ_RATE ?? 10);
const SOAK_SECONDS = Number(env.BENCH_SOAK_SECONDS ?? 600);
const SOAK_RATE = Number(env.BENCH_SOAK_RATE ?? 5000);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 120);
const SAMPLE_SECONDS = 15;
// user-admin answers only users (403 to a service token such as BENCH_TOKEN)
const SKIP = /user-admin/;
// goals, stated beside each figure
const GOAL_SCALE = 1.0; // two replicas ingest at least as fast as one
const GOAL_READ_P99_MS = 500; // reads stay interactive under full ingest
const GOAL_GROWTH = 0.1; // RSS after warm-up grows by less than 10 %

const runDir = env.TOPOLOGY_RUN_DIR ?? join(process.cwd(), '.run/topology');
const topology = Object.fromEntries(
  readFileSync(join(runDir, 'topology.env'), 'utf8')
    .split('\n')
    .filter(line => line.includes('='))
    .map(line => [
      line.slice(0, line.indexOf('=')),
      line.slice(line.indexOf('=') + 1),
    ]),
);
const base = loopbackBase(topology.TOPOLOGY_URL);
const token = env.BENCH_TOKEN;
if (!token) {
  say(
    'usage: BENCH_TOKEN=<the static token of bench/topology.app-config.yaml> node bench/topology.mjs',
  );
  process.exit(2);
}

function pidOf(name) {
  try {
    return Number(readFileSync(join(runDir, name), 'utf8').trim());
  } catch {
    return undefined;
  }
}
const processes = [
  ['api-1', pidOf('api-1.pid')],
  ['api-2', pidOf('api-2.pid')],
  ['worker', pidOf('worker.pid')],
  ['nginx', pidOf('nginx/nginx.pid')],
].filter(([, pid]) => rssOf(pid) !== undefined);

const pinOne = { cookie: 'console_replica=1' };
const load = ({ seconds, headers, rate }) => {
  const until = performance.now() + seconds * 1000;
  return Promise.all([
    ingest({
      base,
      token,
      until,
      headers,
      rate,
      concurrency: CONCURRENCY,
      batch: BATCH,
      maxEvents: Number.MAX_SAFE_INTEGER,
      tag: rate ? 'soak' : headers ? 'one' : 'two',
    }),
    readLoop({ base, token, seconds, rate: READ_RATE, headers, skip: SKIP }),
  ]);
};
const p99 = results => quantile(allReadLatencies(results), 0.99);

say(
  `topology ${base}: ${processes
    .map(([name, pid]) => `${name} pid ${pid}`)
    .join(', ')}; Temporal ${topology.TEMPORAL_ADDRESS}`,
);
say(
  `ingest ${CONCURRENCY} concurrent batches of ${BATCH} events; reads ${READ_RATE}/s round robin (workflow list, 24 h series, health; user-admin's routes refuse the service token); ${SECONDS} s per phase`,
);

// 1. the anchor: reads alone
const baseline = await readLoop({
  base,
  token,
  seconds: BASELINE_SECONDS,
  rate: READ_RATE,
  skip: SKIP,
});
const baselineP99 = p99(baseline.results);
say(
  `\n1. reads without ingest (${BASELINE_SECONDS} s): p99 ${baselineP99.toFixed(
    0,
  )} ms`,
);
for (const [name, text] of describeReads(baseline.results)) {
  say(`   ${name.padEnd(44)} ${text}`);
}

// 2. and 3. one replica, then two
const phases = [];
for (const [label, headers] of [
  ['one replica (pinned)', pinOne],
  ['two replicas (round-robin)', undefined],
]) {
  await sleep(5_000);
  const [ingested, reads] = await load({ seconds: SECONDS, headers });
  phases.push({ label, ingested, reads });
  say(`\n${phases.length + 1}. ${label}`);
  say(`   ingest: ${describeIngest(ingested)}`);
  say(
    `   reads: p99 ${p99(reads.results).toFixed(
      0,
    )} ms over all routes, ${readErrors(reads.results)} not 2xx`,
  );
  for (const [name, text] of describeReads(reads.results)) {
    say(`   ${name.padEnd(44)} ${text}`);
  }
}
const [one, two] = phases.map(p => p.ingested.accepted / p.ingested.seconds);
const twoP99 = p99(phases[1].reads.results);
say('\nsummary');
say(
  `  ingest through the proxy: two replicas ${fmt(two)} events/s vs one ${fmt(
    one,
  )} events/s = ${(two / one).toFixed(2)}x (goal >= ${GOAL_SCALE.toFixed(
    1,
  )}x) ${two / one >= GOAL_SCALE ? 'MET' : 'NOT MET'}`,
);
say(
  `  read p99 under two-replica ingest: ${twoP99.toFixed(
    0,
  )} ms (goal <= ${GOAL_READ_P99_MS} ms; anchor without ingest ${baselineP99.toFixed(
    0,
  )} ms) ${twoP99 <= GOAL_READ_P99_MS ? 'MET' : 'NOT MET'}`,
);

// 4. soak: memory of each process over a long ingest
if (SOAK_SECONDS > 0) {
  say(
    `\n4. soak: ${SOAK_SECONDS} s of ingest at ${fmt(
      SOAK_RATE,
    )} events/s through the proxy, reads ${READ_RATE}/s; RSS every ${SAMPLE_SECONDS} s`,
  );
  const samples = processes.map(([name, pid]) => ({ name, pid, mb: [] }));
  const sample = () => {
    for (const s of samples) s.mb.push(rssOf(s.pid) ?? NaN);
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_SECONDS * 1000);
  const [ingested, reads] = await load({
    seconds: SOAK_SECONDS,
    rate: SOAK_RATE,
  });
  clearInterval(sampler);
  sample();
  say(`   ingest: ${describeIngest(ingested)}`);
  say(
    `   reads: p99 ${p99(reads.results).toFixed(0)} ms, ${readErrors(
      reads.results,
    )} not 2xx`,
  );
  const warm = Math.min(
    Math.round(WARMUP_SECONDS / SAMPLE_SECONDS),
    samples[0].mb.length - 1,
  );
  for (const s of samples) {
    const atWarm = s.mb[warm];
    const end = s.mb[s.mb.length - 1];
    // A leak is a rise across the window after warm-up: the median of its
    // last quarter against that of its first. (Against the lowest sample it
    // would read V8 handing memory back, then settling, as growth.)
    const after = s.mb.slice(warm).filter(Number.isFinite);
    const quarter = Math.max(1, Math.floor(after.length / 4));
    const median = xs =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const first = median(after.slice(0, quarter));
    const last = median(after.slice(-quarter));
    const growth = (last - first) / first;
    say(
      `   ${s.name.padEnd(7)} RSS ${s.mb[0].toFixed(
        0,
      )} MB at start, ${atWarm.toFixed(
        0,
      )} MB after warm-up (${WARMUP_SECONDS} s), ${end.toFixed(
        0,
      )} MB at the end, max ${Math.max(...after).toFixed(0)} MB: ${
        growth >= 0 ? '+' : ''
      }${(growth * 100).toFixed(
        1,
      )} % from the first to the last quarter after warm-up (medians ${first.toFixed(
        0,
      )} and ${last.toFixed(0)} MB; goal < ${(GOAL_GROWTH * 100).toFixed(
        0,
      )} %) ${growth < GOAL_GROWTH ? 'MET' : 'NOT MET'}`,
    );
  }
  say(
    `   samples (MB): ${samples
      .map(s => `${s.name} ${s.mb.map(v => v.toFixed(0)).join(' ')}`)
      .join('; ')}`,
  );
}
