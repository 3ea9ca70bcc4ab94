import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';
import type { StatusChange } from './executionsStore';

/** A burst of changes within this long is said as one announcement. */
export const ANNOUNCE_DELAY_MS = 1000;
/** At most one announcement this often, however many changes arrive. */
export const ANNOUNCE_INTERVAL_MS = 5000;
/**
 * The live region is emptied this long after an announcement, so stale words
 * are not read later and the same words can be said again.
 */
export const ANNOUNCE_CLEAR_MS = 4000;
/** Workflows named in one announcement; the rest are counted. */
export const MAX_NAMED = 5;

type Status = WorkflowExecutionSummary['status'];

const PHRASES: Record<Status, string> = {
  Running: 'is running',
  Completed: 'completed',
  Failed: 'failed',
  Canceled: 'was canceled',
  Terminated: 'was terminated',
  ContinuedAsNew: 'continued as new',
  TimedOut: 'timed out',
  Unknown: 'has an unknown status',
};

function describeOne(change: StatusChange): string {
  if (change.from === undefined && change.to === 'Running') {
    return `${change.workflowId} started`;
  }
  return `${change.workflowId} ${PHRASES[change.to]}`;
}

/**
 * Words for a batch of status changes, e.g. "3 workflows changed:
 * evaluation-1 completed, batch-2 failed, promo-3 started."
 */
export function describeStatusChanges(changes: StatusChange[]): string {
  if (changes.length === 0) return '';
  if (changes.length === 1) return `Workflow ${describeOne(changes[0])}.`;
  const named = changes.slice(0, MAX_NAMED).map(describeOne);
  const rest = changes.length - named.length;
  return `${changes.length} workflows changed: ${named.join(', ')}${
    rest > 0 ? `, and ${rest} more` : ''
  }.`;
}

export type StatusAnnouncer = {
  add(change: StatusChange): void;
  /** Drops what is pending and stops every timer. */
  dispose(): void;
};

/**
 * Gathers status changes and says them through `onMessage` as one summary:
 * a burst waits `delayMs` to be gathered, and announcements are at least
 * `intervalMs` apart. A workflow changed twice in one batch is said once,
 * with its latest status; one back where it started is not said at all.
 * `onMessage('')` empties the region `clearMs` after each announcement.
 */
export function createStatusAnnouncer(options: {
  onMessage(message: string): void;
  delayMs?: number;
  intervalMs?: number;
  clearMs?: number;
}): StatusAnnouncer {
  const {
    onMessage,
    delayMs = ANNOUNCE_DELAY_MS,
    intervalMs = ANNOUNCE_INTERVAL_MS,
    clearMs = ANNOUNCE_CLEAR_MS,
  } = options;
  // by workflow id, in the order they first changed
  const pending = new Map<string, StatusChange>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  let lastAnnounced: number | undefined;

  const flush = () => {
    flushTimer = undefined;
    if (pending.size === 0) return;
    const message = describeStatusChanges([...pending.values()]);
    pending.clear();
    lastAnnounced = Date.now();
    onMessage(message);
    if (clearTimer) clearTimeout(clearTimer);
    clearTimer = setTimeout(() => {
      clearTimer = undefined;
      onMessage('');
    }, clearMs);
  };

  return {
    add(change) {
      const earlier = pending.get(change.workflowId);
      const merged = earlier ? { ...change, from: earlier.from } : change;
      // back where it was: nothing to say (set keeps a key's first place)
      if (merged.from === merged.to) pending.delete(change.workflowId);
      else pending.set(change.workflowId, merged);
      if (flushTimer || pending.size === 0) return;
      const sinceLast =
        lastAnnounced === undefined ? Infinity : Date.now() - lastAnnounced;
      flushTimer = setTimeout(flush, Math.max(delayMs, intervalMs - sinceLast));
    },
    dispose() {
      pending.clear();
      if (flushTimer) clearTimeout(flushTimer);
      if (clearTimer) clearTimeout(clearTimer);
      flushTimer = undefined;
      clearTimer = undefined;
    },
  };
}
