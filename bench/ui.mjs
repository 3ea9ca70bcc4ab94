#!/usr/bin/env node
// Benchmark of the console's UI in Chromium (a benchmark, not a test: it
// prints figures). Driven through Playwright; every figure is taken inside
// the page (performance.now(), whose origin is the start of the navigation).
//
//   1. workflows list with BENCH_EXECUTIONS (10,000) Running executions:
//      - first row: from navigation start to the first execution row in the
//        DOM (MutationObserver installed before the app's scripts run), and to
//        the end of the first frame painted with it (the rAF after the
//        insertion, then a task after that frame)
//      - load all: "Load more" clicked until every execution is loaded (the
//        page fetches pages of 200; its page size is not exposed), timed in
//        the page from the first click until the last page is rendered
//      - scroll: the virtualized list scrolled from top to bottom at a steady
//        speed over BENCH_SCROLL_MS (5 s); frame time = delta between
//        consecutive requestAnimationFrame callbacks; p50/p95/max, frames
//        over 50 ms, long tasks, and the long animation frames' time split
//        into script and style/layout; rows in the DOM (virtualization
//        check). Top to bottom in 5 s is ~106,000 px/s (~33 rows a frame, a
//        new set of rows every frame); the same figures are taken again at a
//        reading speed of BENCH_READ_PX_PER_S (3,000 px/s) for the same time
//      - what came before the first row: document, scripts, the guest
//        session refresh, the first page's request, long tasks
//      - JS heap used (CDP Performance.getMetrics) with all rows loaded
//   2. dashboard /ai-metrics?range=7d (the RangePicker keeps its choice in
//      the URL) over BENCH_MODELS (20) models with 7 days of events:
//      - first chart: to the first plotted line (.recharts-line-curve)
//      - all widgets: 20 summary cards, every chart with its lines, the top
//        models table, and no "Loading"/"Updating" progress bar left
//      - scroll: the page scrolled top to bottom over BENCH_SCROLL_MS
//      - JS heap used, as above (before and after a forced GC)
// Each measurement is repeated BENCH_RUNS (3) times, each run in a fresh
// browser context (cold HTTP cache) signed in as the development guest from
// a saved storage state (the sign-in page signs the remembered guest in again
// on load, so that refresh is part of the time to first render). The p50 of
// the runs is printed in a table and everything is written to
// .run/ui-bench.json.
//
// Seeding (idempotent, skipped when already there):
//   - BENCH_EXECUTIONS executions started with @temporalio/client on a task
//     queue that no worker polls, so they stay Running (ids uibench-00000...)
//   - ~8 events per model per hour over the last 7 days (~27k events) posted
//     to POST /api/ai-metrics/events in batches of 500 with a guest token;
//     ids name the model, the hour and the index, so reruns add no duplicate
//
// It starts nothing but the browser: it needs a backend serving the built
// app (yarn workspace app build) at BENCH_URL (default http://localhost:7007)
// with the guest provider (auth.environment: development, NODE_ENV
// development; the guest is a break-glass admin in app-config.yaml), and the
// same Temporal server as that backend at TEMPORAL_ADDRESS. From the
// repository root, e.g.:
//   source scripts/lib/env.sh
//   TEMPORAL_PORT=17633 TEMPORAL_DB=/tmp/uibench-temporal.db scripts/temporal.sh start
//   (cd packages/backend && TEMPORAL_ADDRESS=127.0.0.1:17633 NODE_ENV=development \
//     node --require @backstage/cli-node/config/nodeTransform.cjs src/index.ts \
//     --config ../../app-config.yaml --config /tmp/uibench.yaml) &
//     # /tmp/uibench.yaml: app.baseUrl, backend.baseUrl, backend.listen.port
//     # and backend.cors.origin on another port, e.g. 7067, and
//     # console.demoData.enabled: false (the benchmark's own data only)
//   BENCH_URL=http://localhost:7067 TEMPORAL_ADDRESS=127.0.0.1:17633 \
//     node bench/ui.mjs
// Env: BENCH_RUNS (3), BENCH_EXECUTIONS (10000), BENCH_MODELS (20, at most
// 20), BENCH_EVENTS_PER_HOUR (8 per model), BENCH_SCROLL_MS (5000),
// BENCH_READ_PX_PER_S (3000), BENCH_SEED (1; 0 skips seeding),
// BENCH_MAX_SECONDS (300: bound of the measurements after seeding),
// CHROMIUM_PATH (/usr/bin/chromium). Seeding 10,000 executions into a fresh
// dev server took ~3 minutes on 2 shared cores; the measurements ~1 minute.
// Loopback only: BENCH_URL and TEMPORAL_ADDRESS must be local addresses.
// Viewport 1280x800. The machine's load shows in every figure: compare runs
// made in the same conditions.
import { chromium } from '@playwright/test';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const env = process.env;
const BASE = (env.BENCH_URL ?? 'http://localhost:7007').replace(/\/$/, '');
const TEMPORAL = env.TEMPORAL_ADDRESS;
const RUNS = Number(env.BENCH_RUNS ?? 3);
const EXECUTIONS = Number(env.BENCH_EXECUTIONS ?? 10_000);
const MODEL_COUNT = Math.min(20, Number(env.BENCH_MODELS ?? 20));
const EVENTS_PER_HOUR = Number(env.BENCH_EVENTS_PER_HOUR ?? 8);
const SCROLL_MS = Number(env.BENCH_SCROLL_MS ?? 5000);
const READ_PX_PER_S = Number(env.BENCH_READ_PX_PER_S ?? 3000);
const SEED = env.BENCH_SEED !== '0';
const MAX_MS = Number(env.BENCH_MAX_SECONDS ?? 300) * 1000;
const CHROMIUM = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('../.run/ui-bench.json', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ID_PREFIX = 'uibench-';
const IDLE_QUEUE = 'uibench-nobody-polls';
const MODELS = [
  ['gpt-4o', 'openai'],
  ['gpt-4o-mini', 'openai'],
  ['gpt-4.1', 'openai'],
  ['o3-mini', 'openai'],
  ['claude-3-5-sonnet', 'anthropic'],
  ['claude-3-5-haiku', 'anthropic'],
  ['claude-3-opus', 'anthropic'],
  ['gemini-1.5-pro', 'gcp.gemini'],
  ['gemini-1.5-flash', 'gcp.gemini'],
  ['gemini-2.0-flash', 'gcp.gemini'],
  ['llama-3-1-70b', 'local'],
  ['llama-3-1-8b', 'local'],
  ['mistral-large', 'mistral_ai'],
  ['mistral-small', 'mistral_ai'],
  ['mixtral-8x7b', 'mistral_ai'],
  ['command-r-plus', 'cohere'],
  ['qwen-2-5-72b', 'local'],
  ['phi-3-medium', 'azure.ai.inference'],
  ['deepseek-v3', 'deepseek'],
  ['local-sentiment', 'local'],
].slice(0, MODEL_COUNT);

const say = line => process.stdout.write(`${line}\n`);

function loopbackOnly(host, name) {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(bare)) {
    throw new Error(`${name} must be a loopback address, got ${host}`);
  }
}

/** Nearest-rank percentile of numbers (sorted here). */
function percentile(values, q) {
  const s = values.filter(v => typeof v === 'number').sort((a, b) => a - b);
  if (!s.length) return undefined;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

async function pool(count, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

// --- seeding ------------------------------------------------------------

async function seedExecutions() {
  const connection = await Connection.connect({ address: TEMPORAL });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const query = `WorkflowId STARTS_WITH '${ID_PREFIX}' AND ExecutionStatus = 'Running'`;
    const running = async () => (await client.workflow.count(query)).count;
    let have = await running();
    if (have >= EXECUTIONS) {
      say(`executions: ${have} already Running, nothing started`);
      return;
    }
    const t0 = performance.now();
    let started = 0;
    await pool(EXECUTIONS, 50, async i => {
      try {
        await client.workflow.start('modelPromotion', {
          taskQueue: IDLE_QUEUE,
          workflowId: `${ID_PREFIX}${String(i).padStart(5, '0')}`,
          args: [{ model: 'uibench', toVersion: 'v1' }],
        });
        started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          throw error;
        }
      }
    });
    // visibility is eventually consistent: the list must see every one
    const deadline = Date.now() + 60_000;
    while ((have = await running()) < EXECUTIONS && Date.now() < deadline) {
      await sleep(500);
    }
    if (have < EXECUTIONS) {
      throw new Error(`visibility shows ${have} of ${EXECUTIONS} executions`);
    }
    say(
      `executions: started ${started} in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s; ${have} Running`,
    );
  } finally {
    await connection.close();
  }
}

async function guestToken() {
  const res = await fetch(`${BASE}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest refresh answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Deterministic pseudo-random number in [0, 1) from integers. */
function noise(...parts) {
  let h = 2166136261;
  for (const p of parts) {
    h = Math.imul(h ^ p, 16777619);
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  }
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

function metricEvents(now) {
  // within the raw events' retention (7 d, the idempotency window) and not
  // in the future; whole hours, so that a rerun regenerates the same ids
  const oldest = now - 7 * DAY + 10 * 60_000;
  const events = [];
  const lastHour = Math.floor(now / HOUR);
  for (let hour = lastHour - 7 * 24; hour <= lastHour; hour++) {
    MODELS.forEach(([model, provider], m) => {
      for (let k = 0; k < EVENTS_PER_HOUR; k++) {
        const time = hour * HOUR + Math.floor(noise(m, hour, k, 1) * HOUR);
        if (time < oldest || time > now - 1000) continue;
        const r = noise(m, hour, k, 2);
        const failed = r < 0.01 + 0.03 * (m % 4 === 3);
        const inputTokens = 200 + Math.floor(noise(m, hour, k, 3) * 3000);
        const outputTokens = 50 + Math.floor(noise(m, hour, k, 4) * 800);
        events.push({
          id: `${ID_PREFIX}${model}-${hour}-${k}`,
          timestamp: new Date(time).toISOString(),
          model,
          version: `v${1 + (hour % 2 && m % 3 === 0 ? 1 : 0)}`,
          provider,
          operation: 'chat',
          latencyMs:
            Math.round((150 + 40 * m) * Math.exp(2 * noise(m, hour, k, 5))) +
            0.5,
          inputTokens,
          outputTokens,
          costUsd:
            Math.round((inputTokens * 2.5 + outputTokens * 10) * (1 + m / 10)) /
            1e6,
          success: !failed,
          ...(failed ? { errorType: 'timeout' } : {}),
          score: Math.round((0.6 + 0.4 * noise(m, hour, k, 6)) * 1000) / 1000,
        });
      }
    });
  }
  return events;
}

async function seedMetrics(token) {
  const events = metricEvents(Date.now());
  const batches = [];
  for (let i = 0; i < events.length; i += 500) {
    batches.push(events.slice(i, i + 500));
  }
  let accepted = 0;
  let duplicates = 0;
  const t0 = performance.now();
  await pool(batches.length, 4, async i => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${BASE}/api/ai-metrics/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ events: batches[i] }),
      });
      if (res.status === 429 && attempt < 20) {
        await sleep(1000);
        continue;
      }
      const body = await res.json();
      if (!res.ok) {
        throw new Error(
          `ingest answered ${res.status}: ${JSON.stringify(body)}`,
        );
      }
      accepted += body.accepted;
      duplicates += body.duplicates;
      return;
    }
  });
  say(
    `ai-metrics: ${events.length} events for ${MODELS.length} models over 7 days ` +
      `(${accepted} new, ${duplicates} already stored) in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s`,
  );
}

// --- in-page instruments -------------------------------------------------

/**
 * Runs in the page before its own scripts: records when the first element
 * matching `first` and when `done(document)` first holds, each as the time
 * of the DOM change and of the end of the first frame painted with it.
 */
function pageInstruments(spec) {
  function summarizeFrame(e) {
    const scripts = e.scripts ?? [];
    const top = [...scripts].sort((a, b) => b.duration - a.duration)[0];
    return {
      start: e.startTime,
      ms: e.duration,
      scriptMs: scripts.reduce((sum, x) => sum + x.duration, 0),
      styleLayoutMs: e.styleAndLayoutStart
        ? e.startTime + e.duration - e.styleAndLayoutStart
        : 0,
      top: top
        ? `${top.invoker} ${top.sourceFunctionName || ''} ${(
            top.sourceURL || ''
          )
            .split('/')
            .pop()}`.trim()
        : undefined,
    };
  }
  performance.setResourceTimingBufferSize(5000);
  const marks = {};
  const longTasks = [];
  const frames = [];
  window.__bench = { marks, longTasks, frames };
  // where the main thread went before the first render: long tasks, and long
  // animation frames split into script and style/layout time
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        longTasks.push({ start: e.startTime, ms: e.duration });
      }
    }).observe({ type: 'longtask' });
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) frames.push(summarizeFrame(e));
    }).observe({ type: 'long-animation-frame' });
  } catch {
    // not supported: no attribution
  }
  const afterPaint = name => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks[`${name}Painted`] = performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  const checks = {
    workflows: () => true,
    dashboard: () => {
      const cards = document.querySelectorAll(
        'ul[aria-label="Summary per model"] > li',
      ).length;
      const figures = [...document.querySelectorAll('figure')];
      const charts = figures.filter(f =>
        f.querySelector('.recharts-line-curve'),
      ).length;
      const top = [...document.querySelectorAll('table caption')].some(
        c =>
          /^Top \d+ models/.test(c.textContent ?? '') &&
          c.closest('table').querySelector('tbody tr'),
      );
      const busy = [...document.querySelectorAll('[role="progressbar"]')].some(
        p => /^(Loading|Updating)/.test(p.getAttribute('aria-label') ?? ''),
      );
      return (
        cards >= spec.cards &&
        figures.length >= spec.charts &&
        charts === figures.length &&
        top &&
        !busy
      );
    },
  };
  const observer = new MutationObserver(() => {
    if (marks.first === undefined && document.querySelector(spec.first)) {
      marks.first = performance.now();
      afterPaint('first');
    }
    if (marks.first !== undefined && marks.done === undefined) {
      if (checks[spec.kind]()) {
        marks.done = performance.now();
        afterPaint('done');
        observer.disconnect();
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** In the page: where the time to first render went. */
function pageBreakdown(patterns) {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const fcp = performance
    .getEntriesByName('first-contentful-paint')
    .map(e => e.startTime)[0];
  const firstOf = pattern => {
    const hit = resources.find(r => new RegExp(pattern).test(r.name));
    return hit
      ? { start: hit.startTime, end: hit.responseEnd, ms: hit.duration }
      : undefined;
  };
  const first = window.__bench.marks.first ?? Infinity;
  const scripts = resources.filter(
    r => r.initiatorType === 'script' && r.responseEnd <= first,
  );
  const out = {
    documentResponseEnd: nav.responseEnd,
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    firstContentfulPaint: fcp,
    scriptsBeforeFirst: scripts.length,
    scriptKbBeforeFirst: Math.round(
      scripts.reduce((sum, r) => sum + (r.encodedBodySize || 0), 0) / 1024,
    ),
    lastScriptEnd: Math.max(0, ...scripts.map(r => r.responseEnd)),
    apiRequests: resources.filter(r => r.name.includes('/api/')).length,
  };
  const tasks = window.__bench.longTasks.filter(t => t.start < first);
  out.longTasksBeforeFirst = tasks.length;
  out.longTaskMsBeforeFirst = tasks.reduce((sum, t) => sum + t.ms, 0);
  out.longestTaskBeforeFirst = Math.max(0, ...tasks.map(t => t.ms));
  const frames = window.__bench.frames.filter(f => f.start < first);
  out.longFrameScriptMsBeforeFirst = frames.reduce((a, f) => a + f.scriptMs, 0);
  out.longFrameStyleLayoutMsBeforeFirst = frames.reduce(
    (a, f) => a + f.styleLayoutMs,
    0,
  );
  out.longFramesBeforeFirst = frames;
  for (const [name, pattern] of Object.entries(patterns)) {
    out[name] = firstOf(pattern);
  }
  return out;
}

/**
 * In the page: scrolls `el` (or the page's scroller) from top to bottom at a
 * steady speed, one step per animation frame, and collects the frame deltas.
 */
async function pageScroll({ selector, durationMs, rowSelector, pxPerSecond }) {
  // the same as in pageInstruments: Playwright sends each in-page function's
  // source alone, so neither can call a helper defined out here
  function summarizeFrame(e) {
    const scripts = e.scripts ?? [];
    const top = [...scripts].sort((a, b) => b.duration - a.duration)[0];
    return {
      start: e.startTime,
      ms: e.duration,
      scriptMs: scripts.reduce((sum, x) => sum + x.duration, 0),
      styleLayoutMs: e.styleAndLayoutStart
        ? e.startTime + e.duration - e.styleAndLayoutStart
        : 0,
      top: top
        ? `${top.invoker} ${top.sourceFunctionName || ''} ${(
            top.sourceURL || ''
          )
            .split('/')
            .pop()}`.trim()
        : undefined,
    };
  }
  const scrollerOf = () => {
    if (selector) return document.querySelector(selector);
    const doc = document.scrollingElement;
    if (doc && doc.scrollHeight > doc.clientHeight + 1) return doc;
    let best;
    let room = 0;
    for (const el of document.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowY)) continue;
      const r = el.scrollHeight - el.clientHeight;
      if (r > room && el.clientHeight > window.innerHeight / 2) {
        best = el;
        room = r;
      }
    }
    return best;
  };
  const el = scrollerOf();
  if (!el) throw new Error('nothing to scroll');
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  el.scrollTop = 0;
  await frame();
  await frame();
  const range = pxPerSecond
    ? Math.min(
        el.scrollHeight - el.clientHeight,
        Math.round((pxPerSecond * durationMs) / 1000),
      )
    : el.scrollHeight - el.clientHeight;
  const longTasks = [];
  const longFrames = [];
  const frameObserver = new PerformanceObserver(list => {
    for (const e of list.getEntries()) longFrames.push(summarizeFrame(e));
  });
  try {
    frameObserver.observe({ type: 'long-animation-frame' });
  } catch {
    // not supported: no attribution
  }
  const observer = new PerformanceObserver(list => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  try {
    observer.observe({ type: 'longtask' });
  } catch {
    // not supported: no long task figures
  }
  const deltas = [];
  let maxRows = 0;
  let lastRowIndex = 0;
  const rows = () => (rowSelector ? el.querySelectorAll(rowSelector) : []);
  await new Promise(resolve => {
    let start;
    let last;
    const step = t => {
      if (start === undefined) start = t;
      else deltas.push(t - last);
      last = t;
      const p = Math.min(1, (t - start) / durationMs);
      el.scrollTop = Math.round(p * range);
      if (rowSelector) maxRows = Math.max(maxRows, rows().length);
      if (p < 1) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  await frame();
  await frame();
  observer.disconnect();
  frameObserver.disconnect();
  const present = [...rows()];
  for (const row of present) {
    lastRowIndex = Math.max(
      lastRowIndex,
      Number(row.getAttribute('aria-rowindex') ?? 0),
    );
  }
  return {
    scroller: el === document.scrollingElement ? 'document' : el.tagName,
    rangePx: range,
    reachedBottom: el.scrollTop >= range - 2,
    deltas,
    longTasks,
    longFrames,
    rowsAtEnd: present.length,
    maxRows,
    lastRowIndex,
    trsInDocument: document.querySelectorAll('tr').length,
  };
}

/** In the page: clicks "Load more" until nothing more is available. */
async function pageLoadAll({ timeoutMs }) {
  const t0 = performance.now();
  const loadedText = () => {
    const text = [...document.querySelectorAll('p')]
      .map(p => p.textContent ?? '')
      .find(t => /executions? loaded/.test(t));
    return text ?? '';
  };
  const buttonOf = () =>
    [...document.querySelectorAll('button')].find(b =>
      /^(Load more|Loading…)$/.test((b.textContent ?? '').trim()),
    );
  let clicks = 0;
  for (;;) {
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(`not all loaded after ${timeoutMs} ms: ${loadedText()}`);
    }
    if (document.body.textContent.includes('Could not load more executions')) {
      throw new Error('loading more failed');
    }
    const button = buttonOf();
    if (!button && !/more are available/.test(loadedText())) break;
    if (
      button &&
      !button.disabled &&
      button.textContent.trim() === 'Load more'
    ) {
      button.click();
      clicks += 1;
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  // the last page's rows rendered: wait for the frame that paints them
  await new Promise(resolve =>
    requestAnimationFrame(() => setTimeout(resolve)),
  );
  const loaded = Number(
    (/(\d+) executions? loaded/.exec(loadedText()) ?? [])[1],
  );
  return { ms: performance.now() - t0, clicks, loaded };
}

// --- measurements ---------------------------------------------------------

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const used = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find(
      m => m.name === 'JSHeapUsedSize',
    ).value /
    2 ** 20;
  const before = await used();
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await used();
  await cdp.detach();
  return { heapMb: before, heapAfterGcMb: after };
}

function frameStats(scroll) {
  const d = scroll.deltas;
  return {
    frames: d.length,
    frameP50: percentile(d, 0.5),
    frameP95: percentile(d, 0.95),
    frameMax: Math.max(...d),
    framesOver50: d.filter(x => x > 50).length,
    longTasks: scroll.longTasks.length,
    longTaskMs: scroll.longTasks.reduce((a, b) => a + b, 0),
    longFrames: scroll.longFrames.length,
    longFrameScriptMs: scroll.longFrames.reduce((a, f) => a + f.scriptMs, 0),
    longFrameStyleLayoutMs: scroll.longFrames.reduce(
      (a, f) => a + f.styleLayoutMs,
      0,
    ),
    longFrameTop: [...scroll.longFrames]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3),
  };
}

async function waitForMark(page, name, timeout) {
  await page.waitForFunction(
    n => window.__bench?.marks[n] !== undefined,
    name,
    {
      timeout,
      polling: 50,
    },
  );
}

async function workflowsRun(browser, storageState) {
  const context = await browser.newContext({
    storageState,
    viewport: VIEWPORT,
  });
  try {
    const page = await context.newPage();
    const row =
      'div[role="region"][aria-label="Workflow executions"] tbody tr[aria-rowindex]';
    await page.addInitScript(pageInstruments, {
      kind: 'workflows',
      first: row,
    });
    await page.goto(`${BASE}/workflows`);
    await waitForMark(page, 'firstPainted', 60_000);
    const marks = await page.evaluate(() => window.__bench.marks);
    const breakdown = await page.evaluate(pageBreakdown, {
      guestRefresh: '/api/auth/guest/refresh',
      firstPage: '/api/workflows/executions\\?',
      counts: '/api/workflows/executions/counts',
    });
    const loadAll = await page.evaluate(pageLoadAll, { timeoutMs: 120_000 });
    if (loadAll.loaded < EXECUTIONS) {
      throw new Error(`loaded ${loadAll.loaded} of ${EXECUTIONS} executions`);
    }
    const scroll = await page.evaluate(pageScroll, {
      selector: 'div[role="region"][aria-label="Workflow executions"]',
      durationMs: SCROLL_MS,
      rowSelector: 'tbody tr[aria-rowindex]',
    });
    // and at a reading speed, from the top, for the same time
    const reading = await page.evaluate(pageScroll, {
      selector: 'div[role="region"][aria-label="Workflow executions"]',
      durationMs: SCROLL_MS,
      rowSelector: 'tbody tr[aria-rowindex]',
      pxPerSecond: READ_PX_PER_S,
    });
    return {
      firstRowDom: marks.first,
      firstRowPainted: marks.firstPainted,
      breakdown,
      loadAllMs: loadAll.ms,
      loadAllClicks: loadAll.clicks,
      loaded: loadAll.loaded,
      ...frameStats(scroll),
      scrollPx: scroll.rangePx,
      reachedBottom: scroll.reachedBottom,
      lastRowIndex: scroll.lastRowIndex,
      domRowsMax: scroll.maxRows,
      domRowsAtEnd: scroll.rowsAtEnd,
      reading: { ...frameStats(reading), scrollPx: reading.rangePx },
      ...(await heap(page)),
    };
  } finally {
    await context.close();
  }
}

async function dashboardRun(browser, storageState) {
  const context = await browser.newContext({
    storageState,
    viewport: VIEWPORT,
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(pageInstruments, {
      kind: 'dashboard',
      first: 'figure .recharts-line-curve',
      cards: MODELS.length,
      charts: 6,
    });
    await page.goto(`${BASE}/ai-metrics?range=7d`);
    await waitForMark(page, 'donePainted', 60_000);
    const marks = await page.evaluate(() => window.__bench.marks);
    const breakdown = await page.evaluate(pageBreakdown, {
      guestRefresh: '/api/auth/guest/refresh',
      models: '/api/ai-metrics/models',
      series: '/api/ai-metrics/series',
      compare: '/api/ai-metrics/compare',
      top: '/api/ai-metrics/top',
    });
    const shown = await page.evaluate(() => ({
      cards: document.querySelectorAll(
        'ul[aria-label="Summary per model"] > li',
      ).length,
      charts: document.querySelectorAll('figure').length,
      lines: document.querySelectorAll('figure .recharts-line-curve').length,
      range: document.querySelector('#ai-metrics-range')?.value,
    }));
    if (shown.range !== '7d') throw new Error(`range shown: ${shown.range}`);
    const scroll = await page.evaluate(pageScroll, { durationMs: SCROLL_MS });
    return {
      firstChartDom: marks.first,
      firstChartPainted: marks.firstPainted,
      allWidgetsDom: marks.done,
      allWidgetsPainted: marks.donePainted,
      breakdown,
      ...shown,
      ...frameStats(scroll),
      scroller: scroll.scroller,
      scrollPx: scroll.rangePx,
      reachedBottom: scroll.reachedBottom,
      domNodes: await page.evaluate(
        () => document.getElementsByTagName('*').length,
      ),
      ...(await heap(page)),
    };
  } finally {
    await context.close();
  }
}

async function signIn(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(`${BASE}/workflows`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('heading', { name: 'Workflows', level: 1 })
      .waitFor({ timeout: 60_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

// --- report ---------------------------------------------------------------

function p50Of(runs, key) {
  return percentile(
    runs.map(r => key.split('.').reduce((o, k) => o?.[k], r)),
    0.5,
  );
}

function table(title, runs, rows) {
  say('');
  say(`${title} (p50 of ${runs.length} runs; runs in brackets)`);
  const summary = {};
  for (const [label, key, digits, unit] of rows) {
    const values = runs.map(r => key.split('.').reduce((o, k) => o?.[k], r));
    const p50 = p50Of(runs, key);
    summary[key] = p50;
    const f = v => (typeof v === 'number' ? v.toFixed(digits) : '-');
    say(
      `  ${label.padEnd(44)} ${f(p50).padStart(9)} ${unit.padEnd(6)} [${values
        .map(f)
        .join(', ')}]`,
    );
  }
  return summary;
}

async function main() {
  const base = new URL(BASE);
  loopbackOnly(base.hostname, 'BENCH_URL');
  if (SEED) {
    if (!TEMPORAL) throw new Error('set TEMPORAL_ADDRESS (or BENCH_SEED=0)');
    loopbackOnly(TEMPORAL.replace(/:\d+$/, ''), 'TEMPORAL_ADDRESS');
    await seedExecutions();
    await seedMetrics(await guestToken());
  }

  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const bound = setTimeout(() => {
    console.error(`over ${MAX_MS / 1000} s: stopping`);
    browser.close().finally(() => process.exit(2));
  }, MAX_MS);
  const result = {
    date: new Date().toISOString(),
    url: BASE,
    chromium: browser.version(),
    viewport: VIEWPORT,
    executions: EXECUTIONS,
    models: MODELS.length,
    eventsPerModelHour: EVENTS_PER_HOUR,
    scrollMs: SCROLL_MS,
    readingPxPerSecond: READ_PX_PER_S,
    runs: RUNS,
  };
  try {
    const storageState = await signIn(browser);
    const workflows = [];
    for (let i = 0; i < RUNS; i++) {
      workflows.push(await workflowsRun(browser, storageState));
      say(`workflows run ${i + 1}/${RUNS} done`);
    }
    const dashboard = [];
    for (let i = 0; i < RUNS; i++) {
      dashboard.push(await dashboardRun(browser, storageState));
      say(`dashboard run ${i + 1}/${RUNS} done`);
    }
    say('');
    say(
      `Chromium ${result.chromium}, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
        `cold HTTP cache each run, times from navigation start`,
    );
    // rows both reports share: [label, path in a run's result, decimals, unit]
    const longTasksBefore = what => [
      [
        `  long tasks before first ${what}`,
        'breakdown.longTaskMsBeforeFirst',
        0,
        'ms',
      ],
      ['  longest of them', 'breakdown.longestTaskBeforeFirst', 0, 'ms'],
      [
        '  long frames before it: script',
        'breakdown.longFrameScriptMsBeforeFirst',
        0,
        'ms',
      ],
      [
        '  long frames before it: style, layout',
        'breakdown.longFrameStyleLayoutMsBeforeFirst',
        0,
        'ms',
      ],
    ];
    const frameRows = prefix => [
      ['  frame time p50', `${prefix}frameP50`, 1, 'ms'],
      ['  frame time p95', `${prefix}frameP95`, 1, 'ms'],
      ['  frame time max', `${prefix}frameMax`, 1, 'ms'],
      ['  frames over 50 ms', `${prefix}framesOver50`, 0, ''],
    ];
    const longFrameRows = [
      ['  long frames: script', 'longFrameScriptMs', 0, 'ms'],
      ['  long frames: style and layout', 'longFrameStyleLayoutMs', 0, 'ms'],
    ];
    const heapRows = what => [
      [`JS heap used, all ${what} loaded`, 'heapMb', 1, 'MB'],
      ['  after a forced GC', 'heapAfterGcMb', 1, 'MB'],
    ];
    const w = table(
      `workflows list, ${EXECUTIONS} Running executions`,
      workflows,
      [
        ['first row in DOM', 'firstRowDom', 0, 'ms'],
        ['first row painted', 'firstRowPainted', 0, 'ms'],
        ['  first contentful paint', 'breakdown.firstContentfulPaint', 0, 'ms'],
        [
          '  scripts loaded (last before first row)',
          'breakdown.lastScriptEnd',
          0,
          'ms',
        ],
        [
          '  guest session refresh answered',
          'breakdown.guestRefresh.end',
          0,
          'ms',
        ],
        ['  first page requested', 'breakdown.firstPage.start', 0, 'ms'],
        ['  first page answered', 'breakdown.firstPage.end', 0, 'ms'],
        ...longTasksBefore('row'),
        ['load all ("Load more" until done)', 'loadAllMs', 0, 'ms'],
        ['  "Load more" clicks', 'loadAllClicks', 0, ''],
        [`scroll top to bottom in ${SCROLL_MS} ms: frames`, 'frames', 0, ''],
        ...frameRows(''),
        ['  long tasks (count)', 'longTasks', 0, ''],
        ['  long tasks (total)', 'longTaskMs', 0, 'ms'],
        ...longFrameRows,
        ['  rows in the DOM (max while scrolling)', 'domRowsMax', 0, ''],
        ['  last row index reached (header is 1)', 'lastRowIndex', 0, ''],
        [
          `scroll at ${READ_PX_PER_S} px/s for ${SCROLL_MS} ms: frames`,
          'reading.frames',
          0,
          '',
        ],
        ...frameRows('reading.'),
        ...heapRows('rows'),
      ],
    );
    const d = table(
      `dashboard, ${MODELS.length} models, last 7 days`,
      dashboard,
      [
        ['first chart line in DOM', 'firstChartDom', 0, 'ms'],
        ['first chart painted', 'firstChartPainted', 0, 'ms'],
        ['all widgets loaded (DOM)', 'allWidgetsDom', 0, 'ms'],
        ['all widgets painted', 'allWidgetsPainted', 0, 'ms'],
        ['  first contentful paint', 'breakdown.firstContentfulPaint', 0, 'ms'],
        [
          '  scripts loaded (last before first chart)',
          'breakdown.lastScriptEnd',
          0,
          'ms',
        ],
        ['  models answered', 'breakdown.models.end', 0, 'ms'],
        ['  series requested', 'breakdown.series.start', 0, 'ms'],
        ['  series answered', 'breakdown.series.end', 0, 'ms'],
        [
          '  compare (summary cards) answered',
          'breakdown.compare.end',
          0,
          'ms',
        ],
        ['  top models answered', 'breakdown.top.end', 0, 'ms'],
        ...longTasksBefore('chart'),
        ['  summary cards', 'cards', 0, ''],
        ['  charts', 'charts', 0, ''],
        ['  chart lines', 'lines', 0, ''],
        ['  DOM elements', 'domNodes', 0, ''],
        [`scroll top to bottom in ${SCROLL_MS} ms: frames`, 'frames', 0, ''],
        ['  page height scrolled', 'scrollPx', 0, 'px'],
        ...frameRows(''),
        ['  long tasks (count)', 'longTasks', 0, ''],
        ...longFrameRows,
        ...heapRows('widgets'),
      ],
    );
    result.workflows = { p50: w, runs: workflows };
    result.dashboard = { p50: d, runs: dashboard };
    result.seconds = (Date.now() - started) / 1000;
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    say('');
    say(`measured in ${result.seconds.toFixed(0)} s; written to ${OUT}`);
  } finally {
    clearTimeout(bound);
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
