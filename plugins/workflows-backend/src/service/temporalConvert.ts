import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  WORKFLOW_STATUSES,
  WorkflowCountsResponse,
  WorkflowExecutionDetail,
  WorkflowExecutionSummary,
  WorkflowHistoryEvent,
  WorkflowPendingActivity,
  WorkflowStatus,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { STARTED_BY_ATTRIBUTE } from '../temporal/workflows/searchAttributes';

const STATUS_NAMES: Record<number, WorkflowStatus> = {
  1: 'Running',
  2: 'Completed',
  3: 'Failed',
  4: 'Canceled',
  5: 'Terminated',
  6: 'ContinuedAsNew',
  7: 'TimedOut',
};

export function statusName(code: number | null | undefined) {
  return STATUS_NAMES[code ?? 0] ?? 'Unknown';
}

type Long = { toString(): string; low: number; high: number };
const isLong = (v: unknown): v is Long =>
  typeof v === 'object' && v !== null && 'low' in v && 'high' in v;

export function longToNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  return Number((v as Long).toString());
}

type Timestamp = { seconds?: unknown; nanos?: number | null };
export function timestampToIso(ts: Timestamp | null | undefined) {
  if (!ts || ts.seconds === undefined || ts.seconds === null) return undefined;
  const ms =
    longToNumber(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
  return new Date(ms).toISOString();
}

type Payload = temporal.api.common.v1.IPayload;
const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' &&
  v !== null &&
  'metadata' in v &&
  typeof (v as Payload).metadata === 'object';

/** Decodes a payload to JSON, or describes it when it is not JSON. */
export function decodePayload(payload: Payload | null | undefined): unknown {
  if (!payload) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    return `<${payload.data?.length ?? 0} bytes, not JSON>`;
  }
}

export function decodePayloads(
  payloads: { payloads?: Payload[] | null } | null | undefined,
): unknown {
  const list = payloads?.payloads ?? [];
  if (list.length === 0) return undefined;
  const values = list.map(decodePayload);
  return values.length === 1 ? values[0] : values;
}

// proto Duration fields share the shape of Timestamps; tell them by name
const DURATION_KEY = /(Timeout|Interval|Backoff|Duration|Delay|Period)$/i;

/**
 * Proto message to plain JSON: Longs to numbers, timestamps to ISO strings,
 * durations to "10s", payloads decoded.
 */
export function toPlainJson(value: unknown, depth = 0, key = ''): unknown {
  if (value === null || value === undefined || depth > 20) return undefined;
  if (typeof value !== 'object') return value;
  if (isLong(value)) return longToNumber(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(v => toPlainJson(v, depth + 1));
  if (isPayload(value)) return decodePayload(value);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.includes('payloads') && Array.isArray(obj.payloads)) {
    return decodePayloads(obj as { payloads: Payload[] });
  }
  if (
    keys.length <= 2 &&
    keys.includes('seconds') &&
    (keys.length === 1 || keys.includes('nanos'))
  ) {
    if (DURATION_KEY.test(key)) {
      const seconds =
        longToNumber(obj.seconds) +
        ((obj.nanos as number | undefined) ?? 0) / 1e9;
      return `${seconds}s`;
    }
    return timestampToIso(obj as Timestamp);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = toPlainJson(obj[k], depth + 1, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function startedByOf(
  searchAttributes: temporal.api.common.v1.ISearchAttributes | null | undefined,
): string | undefined {
  const value = decodePayload(
    searchAttributes?.indexedFields?.[STARTED_BY_ATTRIBUTE],
  );
  if (Array.isArray(value)) return value[0] as string | undefined;
  return typeof value === 'string' ? value : undefined;
}

export function summaryFromRaw(
  info: temporal.api.workflow.v1.IWorkflowExecutionInfo,
): WorkflowExecutionSummary {
  return {
    workflowId: info.execution?.workflowId ?? '',
    runId: info.execution?.runId ?? '',
    type: info.type?.name ?? '',
    status: statusName(info.status),
    startTime: timestampToIso(info.startTime) ?? '',
    closeTime: timestampToIso(info.closeTime),
    startedBy: startedByOf(info.searchAttributes),
    taskQueue: info.taskQueue ?? '',
    historyLength: longToNumber(info.historyLength),
  };
}

const EVENT_TYPE_NAMES = temporal.api.enums.v1.EventType as unknown as Record<
  number,
  string
>;

function pascal(enumName: string) {
  return enumName
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

export function historyEventFromRaw(
  event: temporal.api.history.v1.IHistoryEvent,
): WorkflowHistoryEvent {
  const attributesKey = Object.keys(event).find(
    k => k.endsWith('EventAttributes') && (event as any)[k],
  );
  return {
    eventId: String(longToNumber(event.eventId)),
    eventType: pascal(EVENT_TYPE_NAMES[event.eventType ?? 0] ?? 'UNSPECIFIED'),
    eventTime: timestampToIso(event.eventTime),
    attributes: attributesKey
      ? (toPlainJson((event as any)[attributesKey]) as Record<
          string,
          unknown
        >) ?? {}
      : {},
  };
}

/** A proto enum value as its name without the prefix, in lower case. */
function lowerEnumName(
  names: object,
  code: number | null | undefined,
  prefix: string,
): string {
  const name = (names as Record<number, string | undefined>)[code ?? 0];
  return name?.replace(new RegExp(`^${prefix}`), '').toLowerCase() ?? 'unknown';
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The result or failure an execution closed with, from its close event. */
export function outcomeFromCloseEvent(
  event: HistoryEvent | undefined,
): Pick<WorkflowExecutionDetail, 'result' | 'failure'> {
  if (!event) return {};
  const completed = event.workflowExecutionCompletedEventAttributes;
  if (completed) return { result: decodePayloads(completed.result) };
  const failed = event.workflowExecutionFailedEventAttributes;
  if (failed?.failure) {
    return {
      failure: {
        message: failed.failure.message ?? 'failed',
        type: failed.failure.applicationFailureInfo?.type ?? undefined,
      },
    };
  }
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated) {
    return {
      failure: {
        message: terminated.reason || 'terminated',
        type: 'Terminated',
      },
    };
  }
  if (event.workflowExecutionCanceledEventAttributes) {
    return { failure: { message: 'canceled', type: 'Canceled' } };
  }
  if (event.workflowExecutionTimedOutEventAttributes) {
    return { failure: { message: 'timed out', type: 'TimedOut' } };
  }
  return {};
}

export function pendingActivityFromRaw(
  activity: temporal.api.workflow.v1.IPendingActivityInfo,
): WorkflowPendingActivity {
  return {
    activityId: activity.activityId ?? '',
    activityType: activity.activityType?.name ?? '',
    state: lowerEnumName(
      temporal.api.enums.v1.PendingActivityState,
      activity.state,
      'PENDING_ACTIVITY_STATE_',
    ),
    attempt: activity.attempt ?? 0,
    lastFailure: activity.lastFailure?.message ?? undefined,
    lastHeartbeatTime: timestampToIso(activity.lastHeartbeatTime),
    heartbeatDetails: decodePayloads(activity.heartbeatDetails),
  };
}

/**
 * The detail of an execution: its description, the input of its first event,
 * the outcome of its close event, and what its type declares (nothing for a
 * type this backend does not know).
 */
export function detailFromRaw(options: {
  summary: WorkflowExecutionSummary;
  description: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse;
  startEvent: HistoryEvent | undefined;
  closeEvent: HistoryEvent | undefined;
  type: Partial<Pick<WorkflowTypeInfo, 'queries' | 'signals'>> | undefined;
}): WorkflowExecutionDetail {
  const { summary, description, startEvent, closeEvent, type } = options;
  return {
    ...summary,
    input: decodePayloads(
      startEvent?.workflowExecutionStartedEventAttributes?.input,
    ),
    ...outcomeFromCloseEvent(closeEvent),
    pendingActivities: (description.pendingActivities ?? []).map(
      pendingActivityFromRaw,
    ),
    queries: type?.queries ?? [],
    signals: type?.signals ?? [],
  };
}

/** Counts grouped by ExecutionStatus; statuses this API does not name are left out. */
export function countsFromRaw(result: {
  count: number;
  groups: Array<{ count: number; groupValues: unknown[] }>;
}): WorkflowCountsResponse {
  const byStatus: WorkflowCountsResponse['byStatus'] = {};
  for (const group of result.groups) {
    const status = String(group.groupValues[0]);
    const known = WORKFLOW_STATUSES.find(s => s === status);
    if (known) byStatus[known] = group.count;
  }
  return { total: result.count, byStatus };
}

export function batchStatusFromRaw(
  jobId: string,
  raw: temporal.api.workflowservice.v1.IDescribeBatchOperationResponse,
) {
  return {
    jobId,
    state: lowerEnumName(
      temporal.api.enums.v1.BatchOperationState,
      raw.state,
      'BATCH_OPERATION_STATE_',
    ),
    total: Number(raw.totalOperationCount ?? 0),
    completed: Number(raw.completeOperationCount ?? 0),
    failed: Number(raw.failureOperationCount ?? 0),
  };
}
