/**
 * Group commit: requests that arrive while `maxRunning` groups are being
 * written wait, then are written together as one group (one transaction),
 * and each request settles when its group does. A lone request starts at
 * once, so grouping only ever happens instead of waiting for a writer.
 *
 * A group of several requests that fails is written again one request at a
 * time, so that one request the database refuses fails alone.
 */
export class GroupCommit<Request, Result> {
  private readonly maxRunning: number;
  private readonly maxGroupWeight: number;
  private readonly weigh: (request: Request) => number;
  private readonly write: (requests: Request[]) => Promise<Result[]>;
  private readonly waiting: Array<{
    request: Request;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }> = [];
  private running = 0;

  constructor(options: {
    /** groups written at once */
    maxRunning: number;
    /** a group takes waiting requests up to this total weight (at least one request) */
    maxGroupWeight: number;
    weigh: (request: Request) => number;
    /** writes a group in one transaction; answers one result per request, in order */
    write: (requests: Request[]) => Promise<Result[]>;
  }) {
    this.maxRunning = options.maxRunning;
    this.maxGroupWeight = options.maxGroupWeight;
    this.weigh = options.weigh;
    this.write = options.write;
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.startGroups();
    });
  }

  private startGroups() {
    while (this.running < this.maxRunning && this.waiting.length > 0) {
      let weight = this.weigh(this.waiting[0].request);
      let size = 1;
      while (size < this.waiting.length) {
        const next = this.weigh(this.waiting[size].request);
        if (weight + next > this.maxGroupWeight) {
          break;
        }
        weight += next;
        size += 1;
      }
      const group = this.waiting.splice(0, size);
      this.running += 1;
      this.writeGroup(group).finally(() => {
        this.running -= 1;
        this.startGroups();
      });
    }
  }

  private async writeGroup(group: typeof this.waiting): Promise<void> {
    try {
      const results = await this.write(group.map(entry => entry.request));
      group.forEach((entry, i) => entry.resolve(results[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const entry of group) {
        try {
          const [result] = await this.write([entry.request]);
          entry.resolve(result);
        } catch (alone) {
          entry.reject(alone);
        }
      }
    }
  }
}
