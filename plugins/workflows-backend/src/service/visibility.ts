import { InputError } from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  WORKFLOW_STATUSES,
  WorkflowStatus,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { WorkflowQueryLeaf } from '../permissions/rules';

/** Filters of the list, counts and batch routes. */
export type WorkflowFilter = {
  status?: WorkflowStatus[];
  type?: string[];
  startedBy?: string;
  idPrefix?: string;
  /** ISO timestamps bounding StartTime */
  from?: string;
  to?: string;
};

/** Quotes a value for a visibility query: single quotes, backslash-escaped. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// Constants the simplifier removes; never sent to Temporal.
const TRUE = '__TRUE__';
const FALSE = '__FALSE__';

function inList(field: string, values: string[], negate = false) {
  if (values.length === 0) return negate ? TRUE : FALSE;
  return `${field} ${negate ? 'NOT IN' : 'IN'} (${values
    .map(quote)
    .join(', ')})`;
}

function and(parts: string[]): string {
  if (parts.includes(FALSE)) return FALSE;
  const rest = parts.filter(p => p !== TRUE);
  if (rest.length === 0) return TRUE;
  return rest.length === 1 ? rest[0] : `(${rest.join(' AND ')})`;
}

function or(parts: string[]): string {
  if (parts.includes(TRUE)) return TRUE;
  const rest = parts.filter(p => p !== FALSE);
  if (rest.length === 0) return FALSE;
  return rest.length === 1 ? rest[0] : `(${rest.join(' OR ')})`;
}

/**
 * Turns permission criteria into a visibility query fragment. Negations are
 * pushed down to the leaves (NOT IN), since visibility has no NOT (...).
 * Namespace leaves are decided here against the namespace being queried.
 */
export function criteriaToQuery(
  criteria: PermissionCriteria<WorkflowQueryLeaf>,
  namespace: string,
  negate = false,
): string {
  if ('allOf' in criteria) {
    const parts = criteria.allOf.map(c =>
      criteriaToQuery(c, namespace, negate),
    );
    return negate ? or(parts) : and(parts);
  }
  if ('anyOf' in criteria) {
    const parts = criteria.anyOf.map(c =>
      criteriaToQuery(c, namespace, negate),
    );
    return negate ? and(parts) : or(parts);
  }
  if ('not' in criteria) {
    return criteriaToQuery(criteria.not, namespace, !negate);
  }
  if (criteria.field === 'namespace') {
    return criteria.values.includes(namespace) !== negate ? TRUE : FALSE;
  }
  return inList(criteria.field, criteria.values, negate);
}

const ISO =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The visibility query for a filter and an optional permission fragment.
 * Returns `undefined` when the permission fragment excludes everything.
 */
export function buildQuery(
  filter: WorkflowFilter,
  permission?: string,
): string | undefined {
  const parts: string[] = [];
  if (filter.status?.length) {
    for (const s of filter.status) {
      if (!WORKFLOW_STATUSES.includes(s)) {
        throw new InputError(
          `status must be one of ${WORKFLOW_STATUSES.join(', ')}, not "${s}"`,
        );
      }
    }
    parts.push(inList('ExecutionStatus', filter.status));
  }
  if (filter.type?.length) parts.push(inList('WorkflowType', filter.type));
  if (filter.startedBy) {
    parts.push(
      `ConsoleStartedBy = ${quote(
        filter.startedBy.toLocaleLowerCase('en-US'),
      )}`,
    );
  }
  if (filter.idPrefix) {
    parts.push(`WorkflowId STARTS_WITH ${quote(filter.idPrefix)}`);
  }
  for (const [key, op] of [
    ['from', '>='],
    ['to', '<='],
  ] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    if (!ISO.test(value) || Number.isNaN(Date.parse(value))) {
      throw new InputError(
        `${key} must be an ISO 8601 timestamp, not "${value}"`,
      );
    }
    parts.push(`StartTime ${op} ${quote(new Date(value).toISOString())}`);
  }
  if (permission !== undefined) parts.push(permission);
  const query = and(parts);
  if (query === FALSE) return undefined;
  if (query === TRUE) return '';
  return query;
}
