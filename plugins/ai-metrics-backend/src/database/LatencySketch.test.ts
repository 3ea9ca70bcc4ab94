import { exactQuantile, randomLatencies } from '../__testUtils__/random';
import { LatencySketch } from './LatencySketch';

const QUANTILES = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
const ALPHA = LatencySketch.relativeAccuracy;

/** |estimate - exact| / exact, 0 when both are 0. */
function relativeError(estimate: number, exact: number) {
  return exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / exact;
}

describe('LatencySketch', () => {
  it('answers every quantile within 1% of the exact value', () => {
    const values = randomLatencies({ count: 20_000, seed: 7 });
    const sketch = new LatencySketch();
    values.forEach(v => sketch.add(v));
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of QUANTILES) {
      expect(
        relativeError(sketch.quantile(q)!, exactQuantile(sorted, q)),
      ).toBeLessThanOrEqual(ALPHA + 1e-12);
    }
  });

  it('merges: many small sketches answer like one big one', () => {
    const values = randomLatencies({ count: 5_000, seed: 11, medianMs: 30 });
    const whole = new LatencySketch();
    const merged = new LatencySketch();
    for (let i = 0; i < values.length; i += 97) {
      const part = new LatencySketch();
      values.slice(i, i + 97).forEach(v => {
        part.add(v);
        whole.add(v);
      });
      merged.merge(LatencySketch.parse(part.serialize()));
    }
    expect(merged.count).toBe(values.length);
    for (const q of QUANTILES) {
      expect(merged.quantile(q)).toBe(whole.quantile(q));
    }
  });

  it('keeps zero and sub-microsecond latencies apart', () => {
    const sketch = new LatencySketch().add(0, 3).add(0.0001).add(250);
    expect(sketch.count).toBe(5);
    expect(sketch.quantile(0.5)).toBe(0);
    expect(relativeError(sketch.quantile(1)!, 250)).toBeLessThanOrEqual(
      ALPHA + 1e-12,
    );
  });

  it('is empty without values, and stores sparse JSON', () => {
    expect(new LatencySketch().quantile(0.5)).toBeUndefined();
    expect(LatencySketch.parse(null).count).toBe(0);
    const json = new LatencySketch().add(100).add(100).add(1000).serialize();
    expect(JSON.parse(json)).toEqual({
      a: 0.01,
      z: 0,
      b: { '231': 2, '346': 1 },
    });
  });

  it('serializes bins in index order, negative indexes (below 1 ms) first', () => {
    const sketch = new LatencySketch().add(0).add(5).add(0.5).add(0.01, 2);
    const json = sketch.serialize();
    expect(json).toBe('{"a":0.01,"z":1,"b":{"-230":2,"-34":1,"81":1}}');
    expect(LatencySketch.parse(json).serialize()).toBe(json);
  });

  it('refuses a sketch of another accuracy instead of merging it wrongly', () => {
    expect(() => LatencySketch.parse('{"a":0.02,"z":0,"b":{}}')).toThrow(
      /relative accuracy 0.02/,
    );
  });
});
