import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import { WorkflowFilter } from '../api';
import {
  DEFAULT_SORT,
  ExecutionSort,
  filterFromSearchParams,
  sortFromSearchParams,
  toSearchParams,
} from './executionFilters';

/**
 * The list's filter and sort, kept in the URL so a view can be shared and
 * survives a reload. The filter keeps its identity while the filter in the
 * URL does not change, and the sort while the sort does not.
 */
export function useExecutionFilters() {
  const [params, setParams] = useAppSearchParams();
  // Keyed by the filter's own parameters, as written back: a new sort (or
  // any other parameter) must not make a new filter, which reloads the list.
  const filterSearch = toSearchParams(
    new URLSearchParams(),
    filterFromSearchParams(params),
    DEFAULT_SORT,
  ).toString();
  const filter = useMemo(
    () => filterFromSearchParams(new URLSearchParams(filterSearch)),
    [filterSearch],
  );
  const { key, direction } = sortFromSearchParams(params);
  const sort = useMemo<ExecutionSort>(
    () => ({ key, direction }),
    [key, direction],
  );

  const setFilter = useCallback(
    (next: WorkflowFilter) =>
      setParams(previous =>
        toSearchParams(previous, next, sortFromSearchParams(previous)),
      ),
    [setParams],
  );
  const setSort = useCallback(
    (next: ExecutionSort) =>
      setParams(
        previous =>
          toSearchParams(previous, filterFromSearchParams(previous), next),
        { replace: true },
      ),
    [setParams],
  );

  return { filter, sort, setFilter, setSort };
}
