import { z } from 'zod';
import { WORKFLOW_STATUSES } from '../types';

// What the workflows API answers. The wire types of src/types.ts are
// inferred from these schemas; the backend's tests check every answer
// against them.

const Timestamp = z.iso.datetime().meta({
  id: 'Timestamp',
  description: 'An ISO 8601 date and time in UTC',
});

/** A count: a non-negative integer. */
const count = () => z.number().int().min(0);

const nextPageToken = z.string().optional().meta({
  description: 'Opaque; pass back as pageToken for the next page',
});

export const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.object({
      namespace: z.string(),
      reachable: z.boolean(),
      message: z.string().optional().meta({
        description:
          'Said when Temporal could not be reached (the reason is in the backend log), or when the namespace lacks a search attribute the console needs (it names the attribute and the command that adds it)',
      }),
    }),
  })
  .meta({
    id: 'Health',
    description: 'Whether Temporal answers and the namespace exists.',
  });

const Status = z.enum([...WORKFLOW_STATUSES, 'Unknown']).meta({
  id: 'Status',
  description: 'The status of an execution, as Temporal visibility names it.',
});

const DeclaredSignal = z
  .object({
    name: z.string(),
    title: z.string(),
    payloadSchema: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'JSON schema of the payload' }),
  })
  .meta({
    id: 'DeclaredSignal',
    description: 'A signal the console may send.',
  });

const DeclaredQuery = z
  .object({ name: z.string(), title: z.string() })
  .meta({ id: 'DeclaredQuery', description: 'A query the console may run.' });

export const WorkflowType = z
  .object({
    name: z.string().meta({
      description: "The Temporal workflow type (the function's name)",
    }),
    title: z.string(),
    description: z.string(),
    inputSchema: z
      .record(z.string(), z.unknown())
      .meta({ description: 'JSON schema of the start input' }),
    signals: z.array(DeclaredSignal),
    queries: z.array(DeclaredQuery),
  })
  .meta({ id: 'WorkflowType', description: 'A registered workflow type.' });

export const Summary = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    type: z.string(),
    status: Status,
    startTime: Timestamp,
    closeTime: Timestamp.optional(),
    startedBy: z.string().optional().meta({
      description: 'User entity ref of whoever started it from the console',
    }),
    taskQueue: z.string(),
    historyLength: count().optional(),
  })
  .meta({ id: 'Summary', description: 'One execution of the list.' });

export const PendingActivity = z.object({
  activityId: z.string(),
  activityType: z.string(),
  state: z.string(),
  attempt: count(),
  lastFailure: z.string().optional(),
  lastHeartbeatTime: Timestamp.optional(),
  heartbeatDetails: z.unknown().optional(),
});

export const Detail = Summary.extend({
  input: z.unknown().optional(),
  result: z
    .unknown()
    .optional()
    .meta({ description: 'What a completed execution returned' }),
  failure: z
    .object({ message: z.string(), type: z.string().optional() })
    .optional()
    .meta({
      description:
        'Why a failed, terminated, canceled or timed out execution closed',
    }),
  pendingActivities: z.array(PendingActivity),
  queries: z
    .array(DeclaredQuery)
    .meta({ description: 'The queries the type declares' }),
  signals: z
    .array(DeclaredSignal)
    .meta({ description: 'The signals the type declares' }),
}).meta({
  id: 'Detail',
  description: 'An execution with its input, outcome and pending work.',
});

export const List = z
  .object({
    items: z.array(Summary),
    nextPageToken,
  })
  .meta({ id: 'List', description: 'A page of executions, newest first.' });

export const Counts = z
  .object({
    total: count(),
    byStatus: z.partialRecord(z.enum(WORKFLOW_STATUSES), count()).meta({
      description: 'Count by status; statuses without any are left out',
    }),
  })
  .meta({ id: 'Counts', description: 'Counts of executions.' });

export const HistoryEvent = z.object({
  eventId: z.string(),
  eventType: z.string(),
  eventTime: Timestamp.optional(),
  attributes: z.record(z.string(), z.unknown()).meta({
    description:
      "The event's attributes as Temporal returns them, decoded where possible",
  }),
});

export const History = z
  .object({
    events: z.array(HistoryEvent),
    nextPageToken,
  })
  .meta({ id: 'History', description: "A page of an execution's history." });

export const ExecutionRef = z
  .object({ workflowId: z.string(), runId: z.string() })
  .meta({ id: 'ExecutionRef', description: 'One run of an execution.' });

export const QueryResult = z.object({
  result: z.unknown().optional().meta({
    description: 'What the query answered; absent when nothing',
  }),
});

export const BatchStarted = z.object({
  jobId: z.string(),
  query: z.string().meta({
    description:
      'The visibility query of the batch: the running executions of the filter that the caller may act on',
  }),
  matched: count().meta({
    description: 'How many executions matched when it started',
  }),
});

export const BatchStatus = z
  .object({
    jobId: z.string(),
    state: z.string().meta({
      description:
        'running, completed or failed (unknown when Temporal does not say)',
    }),
    total: count(),
    completed: count(),
    failed: count(),
  })
  .meta({ id: 'BatchStatus', description: 'The state of a batch operation.' });
