import {
  WORKFLOW_STATUSES,
  WorkflowExecutionSummary,
  WorkflowStatus,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { WorkflowFilter } from '../api';

/** Columns the list can be sorted by; sorting is client-side over loaded rows. */
export const SORT_KEYS = [
  'type',
  'status',
  'startTime',
  'closeTime',
  'startedBy',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type ExecutionSort = { key: SortKey; direction: 'asc' | 'desc' };

/** The server's order: newest first. */
export const DEFAULT_SORT: ExecutionSort = {
  key: 'startTime',
  direction: 'desc',
};

/** URL parameters that hold the filter; lists are comma-separated like the API's. */
export const FILTER_PARAMS = [
  'status',
  'type',
  'startedBy',
  'idPrefix',
  'from',
  'to',
] as const;

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

const isStatus = (value: string): value is WorkflowStatus =>
  (WORKFLOW_STATUSES as readonly string[]).includes(value);

const isIsoTime = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
    value,
  ) && !Number.isNaN(Date.parse(value));

/** Reads the filter from the URL, dropping values the API would refuse. */
export function filterFromSearchParams(
  params: URLSearchParams,
): WorkflowFilter {
  const filter: WorkflowFilter = {};
  const status = list(params.get('status')).filter(isStatus);
  if (status.length) filter.status = status;
  const type = list(params.get('type'));
  if (type.length) filter.type = type;
  for (const key of ['startedBy', 'idPrefix'] as const) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value && isIsoTime(value)) filter[key] = value;
  }
  return filter;
}

export function sortFromSearchParams(params: URLSearchParams): ExecutionSort {
  const key = params.get('sort');
  const direction = params.get('order');
  if (!key || !(SORT_KEYS as readonly string[]).includes(key)) {
    return DEFAULT_SORT;
  }
  return {
    key: key as SortKey,
    direction: direction === 'asc' ? 'asc' : 'desc',
  };
}

/** Writes a filter and sort into URL parameters, leaving other parameters alone. */
export function toSearchParams(
  previous: URLSearchParams,
  filter: WorkflowFilter,
  sort: ExecutionSort,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const key of [...FILTER_PARAMS, 'sort', 'order']) next.delete(key);
  if (filter.status?.length) next.set('status', filter.status.join(','));
  if (filter.type?.length) next.set('type', filter.type.join(','));
  for (const key of ['startedBy', 'idPrefix', 'from', 'to'] as const) {
    if (filter[key]) next.set(key, filter[key]!);
  }
  if (
    sort.key !== DEFAULT_SORT.key ||
    sort.direction !== DEFAULT_SORT.direction
  ) {
    next.set('sort', sort.key);
    next.set('order', sort.direction);
  }
  return next;
}

/** The filter without its status: counts are shown for every status. */
export function withoutStatus(filter: WorkflowFilter): WorkflowFilter {
  const { status: _status, ...rest } = filter;
  return rest;
}

function compareOptional(a: string | undefined, b: string | undefined) {
  if (a === b) return 0;
  if (a === undefined || a === '') return 1; // missing values sort last
  if (b === undefined || b === '') return -1;
  return a < b ? -1 : 1;
}

/**
 * Sorts ids by a column. Missing values (no close time yet, started outside
 * the console) go last in either direction; ties keep the load order.
 */
export function sortIds(
  ids: readonly string[],
  rows: Readonly<Record<string, WorkflowExecutionSummary>>,
  sort: ExecutionSort,
): string[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const value = (id: string) => {
    const row = rows[id];
    if (!row) return undefined;
    const v = row[sort.key];
    // ISO timestamps from Temporal share one format and compare as text
    return v === undefined ? undefined : String(v);
  };
  const keyed = ids.map(id => ({ id, v: value(id) }));
  keyed.sort((a, b) => {
    const missingA = a.v === undefined || a.v === '';
    const missingB = b.v === undefined || b.v === '';
    if (missingA || missingB) return compareOptional(a.v, b.v);
    return sign * compareOptional(a.v, b.v);
  });
  return keyed.map(k => k.id);
}
