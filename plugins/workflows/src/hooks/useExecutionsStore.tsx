import { useApi } from '@backstage/frontend-plugin-api';
import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  createContext,
  ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useStore } from 'zustand';
import { workflowsApiRef } from '../api';
import { ExecutionSort, sortIds } from './executionFilters';
import {
  createExecutionsStore,
  ExecutionsActions,
  ExecutionsState,
  ExecutionsStore,
} from './executionsStore';
import { createStatusAnnouncer } from './statusAnnouncer';

const ExecutionsStoreContext = createContext<ExecutionsStore | undefined>(
  undefined,
);

/** Gives the list page its own store. */
export function ExecutionsStoreProvider(props: { children: ReactNode }) {
  const api = useApi(workflowsApiRef);
  const [store] = useState(() => createExecutionsStore({ api }));
  return (
    <ExecutionsStoreContext.Provider value={store}>
      {props.children}
    </ExecutionsStoreContext.Provider>
  );
}

function useExecutionsStoreApi(): ExecutionsStore {
  const store = useContext(ExecutionsStoreContext);
  if (!store) {
    throw new Error(
      'useExecutions must be used inside ExecutionsStoreProvider',
    );
  }
  return store;
}

/** Selects from the list state; the component re-renders when the selection changes. */
export function useExecutions<T>(
  selector: (state: ExecutionsState & ExecutionsActions) => T,
): T {
  return useStore(useExecutionsStoreApi(), selector);
}

/** One row; re-renders only when that row changes. */
export function useExecutionRow(
  workflowId: string,
): WorkflowExecutionSummary | undefined {
  return useExecutions(state => state.rows[workflowId]);
}

/**
 * The loaded ids in the order of a sort. The same array is returned while the
 * order stays the same, so a change to one row does not re-render the list.
 */
export function useSortedExecutionIds(sort: ExecutionSort): string[] {
  const { key, direction } = sort;
  const selector = useMemo(() => {
    let last:
      | { ids: string[]; rows: ExecutionsState['rows']; result: string[] }
      | undefined;
    return (state: ExecutionsState) => {
      if (last && last.ids === state.ids && last.rows === state.rows) {
        return last.result;
      }
      let result = sortIds(state.ids, state.rows, { key, direction });
      if (
        last &&
        last.result.length === result.length &&
        last.result.every((id, i) => id === result[i])
      ) {
        result = last.result;
      }
      last = { ids: state.ids, rows: state.rows, result };
      return result;
    };
  }, [key, direction]);
  return useExecutions(selector);
}

/**
 * Words for a polite live region about status changes that pushed updates
 * made to the loaded rows: batched, at most one announcement every few
 * seconds, and empty again a little after each one.
 */
export function useStatusAnnouncement(): string {
  const subscribe = useExecutions(s => s.subscribeStatusChanges);
  const [message, setMessage] = useState('');
  useEffect(() => {
    const announcer = createStatusAnnouncer({ onMessage: setMessage });
    const unsubscribe = subscribe(change => announcer.add(change));
    return () => {
      unsubscribe();
      announcer.dispose();
    };
  }, [subscribe]);
  return message;
}
