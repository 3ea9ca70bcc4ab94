// Types of what TypeScript tests (tests/topology) take from harness.mjs.
export type Attempt = {
  at: number;
  end?: number;
  status: number;
  message: string;
  accepted?: number;
  duplicates?: number;
};

export type Batch = {
  number: number;
  ids: string[];
  body: string;
  attempts: Attempt[];
  acked: boolean;
  inFlight: boolean;
};

export class IngestLoop {
  constructor(options: {
    config: { base: string; token: string };
    run: string;
    batchSize?: number;
    concurrency?: number;
  });
  batches: Batch[];
  retry: Batch[];
  answers: Array<Attempt & { batch: number }>;
  workers: Promise<void>[];
  stopped: boolean;
  start(): void;
  stopProducing(): void;
  drain(timeoutMs?: number): Promise<void>;
  ackedIds(): Set<string>;
  allIds(): Set<string>;
  statusCounts(from?: number, to?: number): Record<string, number>;
  totals(): { accepted: number; duplicates: number };
}

export function runId(kind: string): string;
export function failureMessages(
  answers: Array<{ status: number; message: string }>,
): Record<string, number>;
