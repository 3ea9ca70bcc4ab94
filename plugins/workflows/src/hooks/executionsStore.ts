import { ResponseError } from '@backstage/errors';
import {
  WorkflowChangedMessage,
  WorkflowCountsResponse,
  WorkflowExecutionSummary,
} from '@internal/backstage-plugin-workflows-common';
import { createStore, StoreApi } from 'zustand/vanilla';
import { WorkflowFilter, WorkflowsApi } from '../api';
import { matchesFilter, withoutStatus } from './executionFilters';

/** Rows per page; the backend allows up to 1000. */
export const PAGE_SIZE = 200;

export type LoadState = 'loading' | 'ready' | 'error';

/** A loaded list's row whose status a pushed update changed. */
export type StatusChange = {
  workflowId: string;
  /** Undefined for a row the list did not have yet, e.g. a new execution. */
  from?: WorkflowExecutionSummary['status'];
  to: WorkflowExecutionSummary['status'];
};

export type ExecutionsState = {
  filter: WorkflowFilter;
  /** Rows by workflowId: the newest run of each workflow id. */
  rows: Record<string, WorkflowExecutionSummary>;
  /** Loaded workflow ids in load order (newest first). */
  ids: string[];
  listState: LoadState;
  listError?: Error;
  nextPageToken?: string;
  loadingMore: boolean;
  loadMoreError?: Error;
  /** Counts for the filter without its status, so every status shows a count. */
  counts?: WorkflowCountsResponse;
  countsState: LoadState;
  countsError?: Error;
  /** Why the last pushed change could not be fetched, if it could not. */
  liveError?: Error;
};

export type ExecutionsActions = {
  /** Loads the first page and the counts for a filter, dropping older rows. */
  load(filter: WorkflowFilter): Promise<void>;
  /** Loads the next page, if there is one. */
  loadMore(): Promise<void>;
  loadCounts(): Promise<void>;
  /**
   * Handles a pushed change: fetches that one execution and upserts its row.
   * Never refetches the list.
   */
  applyChange(
    message: Pick<WorkflowChangedMessage, 'workflowId'>,
  ): Promise<void>;
  /**
   * Calls `listener` when a pushed update changes the status of a row of the
   * loaded list (or brings a new row). Loads never call it, nor do pushes
   * that leave the status as it was.
   *
   * @returns a function that unsubscribes
   */
  subscribeStatusChanges(listener: (change: StatusChange) => void): () => void;
};

export type ExecutionsStore = StoreApi<ExecutionsState & ExecutionsActions>;

const SUMMARY_KEYS: Array<keyof WorkflowExecutionSummary> = [
  'workflowId',
  'runId',
  'type',
  'status',
  'startTime',
  'closeTime',
  'startedBy',
  'taskQueue',
  'historyLength',
];

/** Keeps only the fields of a row, so a detail's input and result are not held for 10,000 rows. */
function toSummary(row: WorkflowExecutionSummary): WorkflowExecutionSummary {
  const summary: Record<string, unknown> = {};
  for (const key of SUMMARY_KEYS) {
    if (row[key] !== undefined) summary[key] = row[key];
  }
  return summary as WorkflowExecutionSummary;
}

function sameSummary(a: WorkflowExecutionSummary, b: WorkflowExecutionSummary) {
  return SUMMARY_KEYS.every(key => a[key] === b[key]);
}

function moveCount(
  counts: WorkflowCountsResponse,
  from: WorkflowExecutionSummary['status'],
  to: WorkflowExecutionSummary['status'],
): WorkflowCountsResponse {
  const byStatus = { ...counts.byStatus };
  if (from !== 'Unknown')
    byStatus[from] = Math.max(0, (byStatus[from] ?? 0) - 1);
  if (to !== 'Unknown') byStatus[to] = (byStatus[to] ?? 0) + 1;
  return { ...counts, byStatus };
}

const isIgnorable = (error: unknown) =>
  error instanceof ResponseError &&
  (error.statusCode === 403 || error.statusCode === 404);

/**
 * The list page's state. Rows are keyed by workflowId so a pushed change
 * replaces one row object and leaves every other row (and the id order) as it
 * was: components that select one row re-render alone.
 */
export function createExecutionsStore(options: {
  api: Pick<
    WorkflowsApi,
    'listExecutions' | 'countExecutions' | 'getExecution'
  >;
  pageSize?: number;
}): ExecutionsStore {
  const { api } = options;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  // Bumped on every load: answers for an older filter are dropped.
  let generation = 0;
  // One fetch per workflow id at a time; a change during it asks for one more.
  const inFlight = new Map<string, { again: boolean }>();
  let countsInFlight: { again: boolean } | undefined;
  const statusListeners = new Set<(change: StatusChange) => void>();

  return createStore<ExecutionsState & ExecutionsActions>()((set, get) => {
    const loadCounts = async () => {
      if (countsInFlight) {
        countsInFlight.again = true;
        return;
      }
      const mine = { again: false };
      countsInFlight = mine;
      const gen = generation;
      if (!get().counts)
        set({ countsState: 'loading', countsError: undefined });
      try {
        const counts = await api.countExecutions({
          filter: withoutStatus(get().filter),
        });
        if (gen === generation) {
          set({ counts, countsState: 'ready', countsError: undefined });
        }
      } catch (error) {
        if (gen === generation) {
          set({ countsState: 'error', countsError: error as Error });
        }
      } finally {
        countsInFlight = undefined;
        if (mine.again || gen !== generation) await loadCounts();
      }
    };

    // Only changes to a list the reader has seen: not while it first loads.
    const statusChanged = (change: StatusChange, listState: LoadState) => {
      if (listState !== 'ready') return;
      statusListeners.forEach(listener => listener(change));
    };

    /** Puts a fetched execution in place; says whether the counts are stale. */
    const upsert = (fetched: WorkflowExecutionSummary): boolean => {
      const state = get();
      const row = toSummary(fetched);
      const existing = state.rows[row.workflowId];
      const belongs = matchesFilter(row, state.filter);
      if (existing) {
        if (belongs && sameSummary(existing, row)) return false;
        const rows = { ...state.rows };
        let ids = state.ids;
        if (belongs) {
          rows[row.workflowId] = row;
        } else {
          delete rows[row.workflowId];
          ids = ids.filter(id => id !== row.workflowId);
        }
        const counts =
          state.counts && existing.status !== row.status
            ? moveCount(state.counts, existing.status, row.status)
            : state.counts;
        set({ rows, ids, counts });
        if (existing.status !== row.status) {
          statusChanged(
            {
              workflowId: row.workflowId,
              from: existing.status,
              to: row.status,
            },
            state.listState,
          );
        }
        return false;
      }
      // Not loaded: a new execution, or one on a page not loaded yet. Its
      // previous status is unknown, so the counts are asked for again.
      if (belongs) {
        set({
          rows: { ...state.rows, [row.workflowId]: row },
          ids: [row.workflowId, ...state.ids],
        });
        statusChanged(
          { workflowId: row.workflowId, to: row.status },
          state.listState,
        );
      }
      return matchesFilter(row, withoutStatus(state.filter));
    };

    const applyChange: ExecutionsActions['applyChange'] = async ({
      workflowId,
    }) => {
      const running = inFlight.get(workflowId);
      if (running) {
        running.again = true;
        return;
      }
      const mine = { again: false };
      inFlight.set(workflowId, mine);
      const gen = generation;
      let countsStale = false;
      try {
        const detail = await api.getExecution({ workflowId });
        if (gen === generation) countsStale = upsert(detail);
        if (gen === generation && get().liveError) {
          set({ liveError: undefined });
        }
      } catch (error) {
        // 403/404: the caller may not read it, or it is gone. Anything else
        // is said once; the next push brings the row up to date.
        if (!isIgnorable(error) && gen === generation) {
          set({ liveError: error as Error });
        }
      } finally {
        inFlight.delete(workflowId);
      }
      if (countsStale) await loadCounts();
      if (mine.again) await applyChange({ workflowId });
    };

    return {
      filter: {},
      rows: {},
      ids: [],
      listState: 'loading',
      loadingMore: false,
      countsState: 'loading',

      async load(filter) {
        generation += 1;
        const gen = generation;
        set({
          filter,
          rows: {},
          ids: [],
          listState: 'loading',
          listError: undefined,
          nextPageToken: undefined,
          loadingMore: false,
          loadMoreError: undefined,
          counts: undefined,
          liveError: undefined,
        });
        const counts = loadCounts();
        try {
          const page = await api.listExecutions({ filter, pageSize });
          if (gen !== generation) return;
          const state = get();
          // rows pushed while the page loaded are newer than the page's
          const rows = { ...state.rows };
          const ids = [...state.ids];
          for (const item of page.items) {
            if (rows[item.workflowId]) continue;
            rows[item.workflowId] = toSummary(item);
            ids.push(item.workflowId);
          }
          set({
            rows,
            ids,
            listState: 'ready',
            nextPageToken: page.nextPageToken,
          });
        } catch (error) {
          if (gen === generation) {
            set({ listState: 'error', listError: error as Error });
          }
        }
        await counts;
      },

      async loadMore() {
        const { nextPageToken, loadingMore, filter } = get();
        if (!nextPageToken || loadingMore) return;
        const gen = generation;
        set({ loadingMore: true, loadMoreError: undefined });
        try {
          const page = await api.listExecutions({
            filter,
            pageSize,
            pageToken: nextPageToken,
          });
          if (gen !== generation) return;
          const state = get();
          const rows = { ...state.rows };
          const ids = [...state.ids];
          for (const item of page.items) {
            // an older run of a loaded workflow id, or a row a push brought first
            if (rows[item.workflowId]) continue;
            rows[item.workflowId] = toSummary(item);
            ids.push(item.workflowId);
          }
          set({
            rows,
            ids,
            nextPageToken: page.nextPageToken,
            loadingMore: false,
          });
        } catch (error) {
          if (gen === generation) {
            set({ loadingMore: false, loadMoreError: error as Error });
          }
        }
      },

      loadCounts,
      applyChange,

      subscribeStatusChanges(listener) {
        statusListeners.add(listener);
        return () => {
          statusListeners.delete(listener);
        };
      },
    };
  });
}
