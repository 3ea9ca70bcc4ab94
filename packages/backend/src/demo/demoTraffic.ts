import type { AiMetricsProducerEvent } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import {
  DEMO_PROVIDER,
  DemoModel,
  KEYWORD_MODEL,
  LOCAL_MODEL,
} from './demoContent';

const MINUTE = 60_000;
/** Minutes of traffic: the dashboard's default range is the last 24 hours. */
export const TRAFFIC_MINUTES = 24 * 60 - 1;

/** The traffic of one model version over the day. */
type Profile = {
  model: DemoModel;
  version: string;
  /** Calls a minute at the day's average (before the version's share). */
  callsPerMinute: number;
  /** Minutes ago that the version went live; traffic before is the other version's. */
  liveSinceMinutesAgo: number;
  /** Share of the model's calls once both versions are live. */
  share: number;
  medianLatencyMs: number;
  inputTokens: [number, number];
  /** Per million tokens, in and out; local compute is priced per call. */
  usdPerMillion?: [number, number];
  usdPerCall?: number;
  errorRate: number;
  errorType: string;
  /** A bad hour, [from, to] minutes ago, with its error rate. */
  incident?: { from: number; to: number; errorRate: number; errorType: string };
};

// local-sentiment v2 is a canary since 8 h (a third of the calls, faster,
// fewer errors); keyword-sentiment v2 took half the calls 14 h ago and had
// an hour of timeouts two hours ago.
const PROFILES: Profile[] = [
  { model: LOCAL_MODEL, version: 'v1', callsPerMinute: 3, liveSinceMinutesAgo: Infinity, share: 0.65, medianLatencyMs: 38, inputTokens: [8, 40], usdPerCall: 0.00001, errorRate: 0.004, errorType: 'timeout' },
  { model: LOCAL_MODEL, version: 'v2', callsPerMinute: 3, liveSinceMinutesAgo: 8 * 60, share: 0.35, medianLatencyMs: 29, inputTokens: [8, 40], usdPerCall: 0.00001, errorRate: 0.002, errorType: 'timeout' },
  { model: KEYWORD_MODEL, version: 'v1', callsPerMinute: 1.5, liveSinceMinutesAgo: Infinity, share: 0.5, medianLatencyMs: 6200, inputTokens: [180, 260], usdPerMillion: [3, 15], errorRate: 0.015, errorType: 'rate_limited' },
  { model: KEYWORD_MODEL, version: 'v2', callsPerMinute: 1.5, liveSinceMinutesAgo: 14 * 60, share: 0.5, medianLatencyMs: 4800, inputTokens: [150, 220], usdPerMillion: [3, 15], errorRate: 0.01, errorType: 'rate_limited', incident: { from: 180, to: 120, errorRate: 0.4, errorType: 'timeout' } },
]; // prettier-ignore

/** A small seeded generator (mulberry32): the same key, the same numbers. */
function random(key: string): () => number {
  let a = 0;
  for (let i = 0; i < key.length; i++)
    a = Math.imul(a ^ key.charCodeAt(i), 0x9e3779b1);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Busier in the (relative) day, quieter at night: 0.4 to 1.6 times the average. */
function load(minutesAgo: number) {
  return 1 + 0.6 * Math.sin((2 * Math.PI * (minutesAgo - 6 * 60)) / (24 * 60));
}

function callsOf(p: Profile, minutesAgo: number, rnd: () => number) {
  const other = PROFILES.find(o => o.model === p.model && o !== p)!;
  if (minutesAgo > p.liveSinceMinutesAgo) return 0;
  const share = minutesAgo > other.liveSinceMinutesAgo ? 1 : p.share;
  const mean = p.callsPerMinute * load(minutesAgo) * share;
  return Math.floor(mean + rnd()); // rounds to the mean on average
}

function eventsOf(p: Profile, minutesAgo: number, now: number) {
  // ids and figures depend on the minute's distance from now only: a
  // second seeding sends the same ids, which ai-metrics counts once
  const key = `demo:${p.model}:${p.version}:${minutesAgo}`;
  const rnd = random(key);
  const calls = callsOf(p, minutesAgo, rnd);
  const inIncident =
    p.incident && minutesAgo <= p.incident.from && minutesAgo > p.incident.to;
  const bad = inIncident ? p.incident! : p;
  const events: AiMetricsProducerEvent[] = [];
  for (let j = 0; j < calls; j++) {
    // log-normal latency around the median (Box-Muller)
    const normal =
      Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const latencyMs =
      Math.round(p.medianLatencyMs * Math.exp(0.35 * normal) * 10) / 10;
    const [low, high] = p.inputTokens;
    const inputTokens = low + Math.floor(rnd() * (high - low + 1));
    const failed = rnd() < bad.errorRate;
    const outputTokens = failed ? 0 : 1;
    const costUsd = p.usdPerMillion
      ? (inputTokens * p.usdPerMillion[0] + outputTokens * p.usdPerMillion[1]) /
        1e6
      : p.usdPerCall!;
    events.push({
      id: `${key}:${j}`,
      timestamp: new Date(
        now - minutesAgo * MINUTE + Math.floor((j * MINUTE) / calls),
      ).toISOString(),
      model: p.model,
      version: p.version,
      provider: DEMO_PROVIDER,
      operation: 'classification',
      latencyMs,
      inputTokens,
      outputTokens,
      costUsd,
      success: !failed,
      ...(failed ? { errorType: bad.errorType } : {}),
      labels: { source: 'console-demo' },
    });
  }
  return events;
}

/**
 * A day of calls of the two demo models, two versions each, ending at
 * `now`: latency, tokens, cost and errors (accuracy comes from the demo's
 * evaluation workflows, which score their answers). Deterministic.
 */
export function demoTraffic(options: {
  now: number;
}): AiMetricsProducerEvent[] {
  const now = Math.floor(options.now / MINUTE) * MINUTE;
  const events: AiMetricsProducerEvent[] = [];
  for (let minutesAgo = TRAFFIC_MINUTES; minutesAgo >= 1; minutesAgo--) {
    for (const profile of PROFILES)
      events.push(...eventsOf(profile, minutesAgo, now));
  }
  return events;
}
