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
/** A sketch as stored. */
type StoredSketch = {
  a?: number;
  z?: number;
  b?: Record<string, number>;
};

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
    if (json) {
      sketch.addStored(JSON.parse(json));
    }
    return sketch;
  }

  /** One sketch merging every stored sketch of a JSON array of them. */
  static parseList(jsonArray: string): LatencySketch {
    const sketch = new LatencySketch();
    for (const data of JSON.parse(jsonArray) as StoredSketch[]) {
      sketch.addStored(data);
    }
    return sketch;
  }

  /** Adds the counts of a parsed stored sketch. */
  private addStored(data: StoredSketch) {
    if (data.a !== undefined && data.a !== LatencySketch.relativeAccuracy) {
      // a sketch of another accuracy has other bucket bounds: merging would be wrong
      throw new Error(
        `latency sketch has relative accuracy ${data.a}, expected ${LatencySketch.relativeAccuracy}`,
      );
    }
    const zeroCount = data.z ?? 0;
    this.zeroCount += zeroCount;
    this.total += zeroCount;
    const bins = data.b ?? {};
    for (const key in bins) {
      if (Object.hasOwn(bins, key)) {
        const index = Number(key);
        this.bins.set(index, (this.bins.get(index) ?? 0) + bins[key]);
        this.total += bins[key];
      }
    }
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
    // the text JSON.stringify would write, without building the object first
    const indexes = [...this.bins.keys()].sort((x, y) => x - y);
    let bins = '';
    for (const index of indexes) {
      bins += `${bins ? ',' : ''}"${index}":${this.bins.get(index)}`;
    }
    return `{"a":${LatencySketch.relativeAccuracy},"z":${this.zeroCount},"b":{${bins}}}`;
  }
}
