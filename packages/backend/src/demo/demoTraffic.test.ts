import { aiMetricEventSchema } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { demoTraffic } from './demoTraffic';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-10T12:34:56.789Z');
const events = demoTraffic({ now });

function of(model: string, version: string) {
  return events.filter(e => e.model === model && e.version === version);
}

describe('demoTraffic', () => {
  it('is a day of valid ingest events, each with its own id, none ahead of now', () => {
    expect(events.length).toBeGreaterThan(5000);
    for (const event of events) {
      expect(aiMetricEventSchema.safeParse(event).error).toBeUndefined();
      const at = Date.parse(event.timestamp!);
      expect(at).toBeLessThan(now);
      expect(at).toBeGreaterThan(now - 24 * HOUR);
    }
    expect(new Set(events.map(e => e.id)).size).toBe(events.length);
  });

  it('sends the same events again an hour later: the same ids, figures and counts', () => {
    const later = demoTraffic({ now: now + HOUR });
    expect(later.map(e => e.id)).toEqual(events.map(e => e.id));
    expect(later.map(e => e.latencyMs)).toEqual(events.map(e => e.latencyMs));
  });

  it('has two versions of each model, the second going live during the day', () => {
    const since = (model: string, version: string) =>
      Math.min(...of(model, version).map(e => Date.parse(e.timestamp!)));
    for (const model of ['local-sentiment', 'keyword-sentiment']) {
      expect(of(model, 'v1').length).toBeGreaterThan(500);
      expect(of(model, 'v2').length).toBeGreaterThan(300);
      expect(since(model, 'v2')).toBeGreaterThan(since(model, 'v1') + HOUR);
    }
  });

  it('makes the versions differ in latency, cost and errors, with an hour of timeouts', () => {
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const latency = (m: string, v: string) =>
      median(of(m, v).map(e => e.latencyMs));
    expect(latency('local-sentiment', 'v2')).toBeLessThan(
      latency('local-sentiment', 'v1'),
    );
    expect(latency('keyword-sentiment', 'v1')).toBeGreaterThan(
      10 * latency('local-sentiment', 'v1'),
    );

    const cost = (m: string) => of(m, 'v1').reduce((a, e) => a + e.costUsd!, 0);
    expect(cost('keyword-sentiment')).toBeGreaterThan(cost('local-sentiment'));

    const timeouts = of('keyword-sentiment', 'v2').filter(
      e => e.errorType === 'timeout',
    );
    expect(timeouts.length).toBeGreaterThan(5);
    for (const e of timeouts) {
      const hoursAgo = (now - Date.parse(e.timestamp!)) / HOUR;
      expect(hoursAgo).toBeGreaterThan(1.9);
      expect(hoursAgo).toBeLessThan(3.1);
    }
    // failed calls are marked both ways, as the ingest schema wants
    expect(
      events.filter(e => e.errorType).every(e => e.success === false),
    ).toBe(true);
  });

  it('leaves accuracy to the evaluations: no event carries a score', () => {
    expect(events.some(e => e.score !== undefined)).toBe(false);
  });
});
