import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo, useState } from 'react';
import {
  MetricsParams,
  MetricsWindow,
  readParams,
  resolveWindow,
  writeParams,
} from './metricsParams';

/**
 * The view's range and filters, kept in the URL. The time window (from, to, step)
 * is resolved once per change of the range and on `refresh()`, so that every
 * widget of the view asks for the same minutes and nothing refetches as the
 * clock moves; its identity changes exactly when the widgets must reload.
 */
export function useMetricsParams() {
  const [search, setSearch] = useAppSearchParams();
  const query = search.toString();
  const params = useMemo(() => readParams(new URLSearchParams(query)), [query]);

  // "now" is taken again when the range or step changes, or on refresh
  const [refreshes, setRefreshes] = useState(0);
  const anchorKey = `${JSON.stringify(params.range)}|${
    params.step
  }|${refreshes}`;
  const [anchor, setAnchor] = useState(() => ({
    key: anchorKey,
    now: Date.now(),
  }));
  let now = anchor.now;
  if (anchor.key !== anchorKey) {
    // adjusting state while rendering: React renders again before committing
    now = Date.now();
    setAnchor({ key: anchorKey, now });
  }

  const { range, step } = params;
  const timeWindow: MetricsWindow = useMemo(
    () => resolveWindow({ range, step, models: [], versions: [] }, now),
    // the range is compared by value: a new object for the same range is no change
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(range), step, now],
  );

  /** Changes some parameters; `others` sets (or, undefined, removes) view-specific ones. */
  const update = useCallback(
    (
      change: Partial<MetricsParams>,
      others: Record<string, string | undefined> = {},
    ) =>
      setSearch(previous => {
        const next = writeParams(previous, {
          ...readParams(previous),
          ...change,
        });
        for (const [name, value] of Object.entries(others)) {
          if (value === undefined) next.delete(name);
          else next.set(name, value);
        }
        return next;
      }),
    [setSearch],
  );
  const refresh = useCallback(() => setRefreshes(n => n + 1), []);

  return { params, timeWindow, update, refresh, search };
}
