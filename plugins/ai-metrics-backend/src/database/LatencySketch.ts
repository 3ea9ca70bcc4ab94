/**
 * A mergeable latency histogram with bounded relative error: a log-bucketed
 * sketch in the manner of DDSketch. Bucket `i` holds the values in
 * (gamma^(i-1), gamma^i] with gamma = (1 + a) / (1 - a); a quantile answers the
 * bucket's centre 2 gamma^i / (gamma + 1), which is within `a` (relative) of
 * every value in the bucket. Merging two sketches adds their counts, so
 * per-minute sketches add up to exact per-hour or per-day sketches.
 *
 * Stored sparse as JSON: `{"a":0.01,"z":<count of values below 1 µs>,"b":{"<i>":<count>}}`.
 */
export class LatencySketch {
  /** Relative accuracy of every quantile (1%). */
  static readonly relativeAccuracy = 0.01;
  /** Values below this many milliseconds (1 µs) count as zero. */
  static readonly minValueMs = 1e-3;

  private static readonly gamma =
    (1 + LatencySketch.relativeAccuracy) / (1 - LatencySketch.relativeAccuracy);
  private static readonly logGamma = Math.log(LatencySketch.gamma);

  private readonly bins = new Map<number, number>();
  private zeroCount = 0;
  private total = 0;

  /** A sketch from its stored JSON; an empty sketch for null or ''. */
  static parse(json: string | null | undefined): LatencySketch {
    const sketch = new LatencySketch();
    if (!json) {
      return sketch;
    }
    const data = JSON.parse(json) as {
      a?: number;
      z?: number;
      b?: Record<string, number>;
    };
    if (data.a !== undefined && data.a !== LatencySketch.relativeAccuracy) {
      // a sketch of another accuracy has other bucket bounds: merging would be wrong
      throw new Error(
        `latency sketch has relative accuracy ${data.a}, expected ${LatencySketch.relativeAccuracy}`,
      );
    }
    sketch.zeroCount = data.z ?? 0;
    sketch.total = sketch.zeroCount;
    for (const [key, count] of Object.entries(data.b ?? {})) {
      sketch.bins.set(Number(key), count);
      sketch.total += count;
    }
    return sketch;
  }

  /** How many values the sketch holds. */
  get count(): number {
    return this.total;
  }

  /** Adds a latency in milliseconds. */
  add(valueMs: number, count = 1): this {
    if (valueMs < LatencySketch.minValueMs) {
      this.zeroCount += count;
    } else {
      const index = Math.ceil(Math.log(valueMs) / LatencySketch.logGamma);
      this.bins.set(index, (this.bins.get(index) ?? 0) + count);
    }
    this.total += count;
    return this;
  }

  /** Adds every value of another sketch to this one. */
  merge(other: LatencySketch): this {
    this.zeroCount += other.zeroCount;
    for (const [index, count] of other.bins) {
      this.bins.set(index, (this.bins.get(index) ?? 0) + count);
    }
    this.total += other.total;
    return this;
  }

  /**
   * The value at quantile q (0..1), in milliseconds: within 1% of the
   * element of rank floor(q * (count - 1)) of the sorted values; undefined
   * when the sketch is empty.
   */
  quantile(q: number): number | undefined {
    if (this.total === 0) {
      return undefined;
    }
    const rank = Math.max(0, Math.min(1, q)) * (this.total - 1);
    let seen = this.zeroCount;
    if (seen > rank) {
      return 0;
    }
    const indexes = [...this.bins.keys()].sort((x, y) => x - y);
    for (const index of indexes) {
      seen += this.bins.get(index)!;
      if (seen > rank) {
        return (
          (2 * Math.pow(LatencySketch.gamma, index)) / (LatencySketch.gamma + 1)
        );
      }
    }
    // rounding cannot leave the loop early; the last bucket holds the maximum
    const last = indexes[indexes.length - 1];
    return (
      (2 * Math.pow(LatencySketch.gamma, last)) / (LatencySketch.gamma + 1)
    );
  }

  serialize(): string {
    const bins: Record<string, number> = {};
    for (const index of [...this.bins.keys()].sort((x, y) => x - y)) {
      bins[String(index)] = this.bins.get(index)!;
    }
    return JSON.stringify({
      a: LatencySketch.relativeAccuracy,
      z: this.zeroCount,
      b: bins,
    });
  }
}
