import {
  WorkflowCountsResponse,
  WorkflowExecutionSummary,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { createStore, StoreApi } from 'zustand/vanilla';
import { WorkflowFilter, WorkflowsApi } from '../api';
import { withoutStatus } from './executionFilters';

/** Rows per page; the backend allows up to 1000. */
export const PAGE_SIZE = 200;
/** The most rows a refresh fetches again; rows past them wait for a reload. */
export const MAX_REFRESH_ROWS = 1000;

export type LoadState = 'loading' | 'ready' | 'error';

/** A loaded list's row whose status a refresh changed. */
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
  /** Why the last refresh failed, if it did. */
  liveError?: Error;
};

export type ExecutionsActions = {
  /** Loads the first page and the counts for a filter, dropping older rows. */
  load(filter: WorkflowFilter): Promise<void>;
  /** Loads the next page, if there is one. */
  loadMore(): Promise<void>;
  loadCounts(): Promise<void>;
  /**
   * Fetches the loaded part of the list again (and the counts), after a push
   * said that executions changed: rows that changed are replaced, new ones
   * come first, rows no longer in the filter go; unchanged rows keep their
   * objects, so they do not render again. One at a time; asked for during
   * one, it runs once more after it.
   */
  refresh(): Promise<void>;
  /**
   * Calls `listener` when a refresh changes the status of a row of the
   * loaded list (or brings a new row). Loads never call it, nor do refreshes
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

/**
 * The list page's state. Rows are keyed by workflowId so a refresh replaces
 * the objects of the rows that changed and leaves every other row (and the
 * id order) as it was: components that select one row re-render alone.
 */
export function createExecutionsStore(options: {
  api: Pick<WorkflowsApi, 'listExecutions' | 'countExecutions'>;
  pageSize?: number;
}): ExecutionsStore {
  const { api } = options;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  // Bumped on every load: answers for an older filter are dropped.
  let generation = 0;
  // One refresh at a time; one asked for during it runs once more after it.
  let refreshInFlight: { again: boolean } | undefined;
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

    // Only changes to a list the reader has seen.
    const statusChanged = (change: StatusChange, listState: LoadState) => {
      if (listState !== 'ready') return;
      statusListeners.forEach(listener => listener(change));
    };

    /** Puts a re-listed page in place, touching only what changed. */
    const merge = (page: {
      items: WorkflowExecutionSummary[];
      nextPageToken?: string;
    }) => {
      const state = get();
      const rows = { ...state.rows };
      const added: string[] = [];
      const changes: StatusChange[] = [];
      const seen = new Set<string>();
      let changed = false;
      for (const item of page.items) {
        // an older run of a workflow id the page already had
        if (seen.has(item.workflowId)) continue;
        seen.add(item.workflowId);
        const row = toSummary(item);
        const existing = state.rows[row.workflowId];
        if (existing && sameSummary(existing, row)) continue;
        changed = true;
        rows[row.workflowId] = row;
        if (!existing) {
          // new, or from a page not loaded yet: its previous status is unknown
          added.push(row.workflowId);
          changes.push({ workflowId: row.workflowId, to: row.status });
        } else if (existing.status !== row.status) {
          changes.push({
            workflowId: row.workflowId,
            from: existing.status,
            to: row.status,
          });
        }
      }
      let ids = state.ids;
      // the page holds every execution of the filter: the loaded rows it
      // lacks left the filter (their status moved out of it) or are gone
      const complete = !page.nextPageToken;
      const gone = new Set(complete ? ids.filter(id => !seen.has(id)) : []);
      for (const id of gone) delete rows[id];
      if (added.length > 0 || gone.size > 0) {
        ids = [...added, ...ids.filter(id => !gone.has(id))];
        changed = true;
      }
      const nextPageToken = complete ? undefined : state.nextPageToken;
      if (changed || nextPageToken !== state.nextPageToken) {
        set({ rows: changed ? rows : state.rows, ids, nextPageToken });
      }
      changes.forEach(change => statusChanged(change, state.listState));
    };

    const refresh: ExecutionsActions['refresh'] = async () => {
      if (refreshInFlight) {
        refreshInFlight.again = true;
        return;
      }
      // a first page still loading is as fresh; a failed one waits for Retry
      if (get().listState !== 'ready') return;
      const mine = { again: false };
      refreshInFlight = mine;
      const gen = generation;
      const { filter, ids } = get();
      const counts = loadCounts();
      try {
        const page = await api.listExecutions({
          filter,
          pageSize: Math.min(MAX_REFRESH_ROWS, Math.max(pageSize, ids.length)),
        });
        if (gen === generation) {
          merge(page);
          if (get().liveError) set({ liveError: undefined });
        }
      } catch (error) {
        if (gen === generation) set({ liveError: error as Error });
      } finally {
        refreshInFlight = undefined;
      }
      await counts;
      if (mine.again) await refresh();
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
          const rows: ExecutionsState['rows'] = {};
          const ids: string[] = [];
          for (const item of page.items) {
            // an older run of a workflow id the page already had
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
            // an older run of a loaded workflow id, or a row a refresh brought first
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
      refresh,

      subscribeStatusChanges(listener) {
        statusListeners.add(listener);
        return () => {
          statusListeners.delete(listener);
        };
      },
    };
  });
}
