import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Describes how a query object is kept in the URL: each field a string
 * parameter, omitted when it has its default value.
 */
export type UrlQueryCodec<T> = {
  parse(params: URLSearchParams): T;
  /** The parameters for a query; defaults and blanks are left out. */
  format(query: T): Record<string, string>;
};

/**
 * A query kept in the URL, so a view can be shared and survives a reload.
 * The returned query keeps its identity while the URL does not change.
 */
export function useUrlQuery<T>(codec: UrlQueryCodec<T>) {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const query = useMemo(
    () => codec.parse(new URLSearchParams(search)),
    [codec, search],
  );
  const setQuery = useCallback(
    (next: T | ((previous: T) => T), options?: { replace?: boolean }) =>
      setParams(previous => {
        const value =
          typeof next === 'function'
            ? (next as (p: T) => T)(codec.parse(previous))
            : next;
        return codec.format(value);
      }, options),
    [codec, setParams],
  );
  return [query, setQuery] as const;
}

/** A positive integer parameter, or the fallback. */
export function intParam(
  value: string | null,
  fallback: number,
  options: { min?: number; max?: number } = {},
): number {
  const n = value === null ? NaN : Number(value);
  if (!Number.isInteger(n)) return fallback;
  if (options.min !== undefined && n < options.min) return fallback;
  if (options.max !== undefined && n > options.max) return fallback;
  return n;
}

/** Drops undefined, empty and default values. */
export function compact(
  entries: Record<string, string | number | boolean | undefined>,
  defaults: Record<string, string | number | boolean> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === '' || value === false) continue;
    if (defaults[key] === value) continue;
    out[key] = String(value);
  }
  return out;
}
