import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';
import { WorkflowFilter } from '../api';
import {
  ExecutionSort,
  filterFromSearchParams,
  sortFromSearchParams,
  toSearchParams,
} from './executionFilters';

/**
 * The list's filter and sort, kept in the URL so a view can be shared and
 * survives a reload. The returned objects keep their identity while the URL
 * does not change.
 */
export function useExecutionFilters() {
  const [params, setParams] = useAppSearchParams();
  const search = params.toString();
  const filter = useMemo(
    () => filterFromSearchParams(new URLSearchParams(search)),
    [search],
  );
  const sort = useMemo(
    () => sortFromSearchParams(new URLSearchParams(search)),
    [search],
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
