import { WORKFLOW_STATUSES } from '@ai-ops-console/backstage-plugin-workflows-common';
import { defineApi } from '@ai-ops-console/console-common';
import { z } from 'zod';

// The workflows API, declared once: these schemas validate the requests,
// type the handlers of router.ts, check the responses in tests and are the
// only source of openapi.yaml (scripts/openapi.cjs).

// ---------------------------------------------------------------------------
// Request parts

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused. Documented as
 * the integer it stands for.
 */
const queryInteger = (min: number, max: number) =>
  z.preprocess((value, ctx) => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value)) {
      return Number(value);
    }
    ctx.addIssue({ code: 'custom', message: 'an integer', input: value });
    return z.NEVER;
  }, z.number().int().min(min).max(max));

/** A comma-separated query parameter, split into its non-blank values. */
const csv = z
  .string()
  .max(2000)
  .transform(s =>
    s
      .split(',')
      .map(v => v.trim())
      .filter(Boolean),
  );

/**
 * A string of a visibility query. NUL is refused: Temporal does not answer a
 * query holding one (the call ran into its deadline, a 503 after seconds).
 */
const queryText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- NUL is what it refuses
    .regex(/^[^\x00]*$/, 'must not contain NUL characters');

const QueryText = queryText(300).meta({
  id: 'QueryText',
  description: 'Part of a visibility query; NUL characters are refused.',
});

/** Temporal run ids are UUIDs; anything else is refused here, not by Temporal. */
const RunId = z.guid('a run id is a UUID').meta({
  id: 'RunId',
  description:
    'A run of the workflow id (Temporal run ids are UUIDs); the latest run when absent.',
});

const Reason = z.string().max(2000).trim().min(1, 'a reason is required').meta({
  id: 'Reason',
  description:
    'Recorded with the caller; blank reasons are refused (blanks around it are trimmed).',
});

const pageToken = z
  .string()
  .max(4000)
  .regex(/^[A-Za-z0-9_-]*$/)
  .optional()
  .meta({ description: 'The nextPageToken of the previous page' });

// a prefault (unlike a default) is written into the document of a
// preprocessed schema; it runs through the preprocessing, hence the number
// case of queryInteger
const pageSize = queryInteger(1, 1000)
  .prefault(100)
  .meta({ description: 'How many to answer at most' });

const DateTime = z.iso.datetime({ offset: true }).meta({
  id: 'DateTime',
  description: 'An ISO 8601 date and time, with Z or an offset',
});

const from = DateTime.optional().meta({ description: 'StartTime at or after' });

const to = DateTime.optional().meta({ description: 'StartTime at or before' });

const startedBy = QueryText.optional().meta({ description: 'User entity ref' });

const idPrefix = QueryText.optional().meta({
  description: 'Workflow ids that start with this',
});

/** The visibility filter of the list and counts routes, as a query. */
const filterQuery = z
  .object({
    status: csv
      .pipe(z.array(z.enum(WORKFLOW_STATUSES)))
      .optional()
      .meta({
        description:
          'Comma-separated statuses (see Status), e.g. Running,Failed',
      }),
    type: csv
      .pipe(z.array(queryText(200)).max(50))
      .optional()
      .meta({
        description:
          'Comma-separated workflow types (at most 50, each at most 200 characters, no NUL)',
      }),
    startedBy,
    idPrefix,
    from,
    to,
  })
  .strict();

const listQuery = filterQuery.extend({ pageSize, pageToken }).strict();

const BatchFilter = z
  .object({
    type: z
      .array(queryText(200))
      .max(50)
      .optional()
      .meta({ description: 'Workflow types (each at most 200 characters)' }),
    startedBy,
    idPrefix,
    from,
    to,
  })
  .strict()
  .meta({
    id: 'BatchFilter',
    description:
      'Which running executions the batch acts on; every execution the caller may act on when empty.',
  });

const workflowIdParams = z.object({
  workflowId: z.string().meta({ description: 'The workflow id' }),
});

const runIdQuery = z.object({ runId: RunId.optional() }).strict();

// ---------------------------------------------------------------------------
// Responses

const Timestamp = z.iso.datetime().meta({
  id: 'Timestamp',
  description: 'An ISO 8601 date and time in UTC',
});

/** A count: a non-negative integer. */
const count = () => z.number().int().min(0);

const Health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    temporal: z.object({
      namespace: z.string(),
      reachable: z.boolean(),
      message: z.string().optional().meta({
        description:
          'Said when Temporal could not be reached; the reason is in the backend log',
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

const WorkflowType = z
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

const Summary = z
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

const Detail = Summary.extend({
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
  pendingActivities: z.array(
    z.object({
      activityId: z.string(),
      activityType: z.string(),
      state: z.string(),
      attempt: count(),
      lastFailure: z.string().optional(),
      lastHeartbeatTime: Timestamp.optional(),
      heartbeatDetails: z.unknown().optional(),
    }),
  ),
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

const List = z
  .object({
    items: z.array(Summary),
    nextPageToken: z.string().optional().meta({
      description: 'Opaque; pass back as pageToken for the next page',
    }),
  })
  .meta({ id: 'List', description: 'A page of executions, newest first.' });

const Counts = z
  .object({
    total: count(),
    byStatus: z.partialRecord(z.enum(WORKFLOW_STATUSES), count()).meta({
      description: 'Count by status; statuses without any are left out',
    }),
  })
  .meta({ id: 'Counts', description: 'Counts of executions.' });

const History = z
  .object({
    events: z.array(
      z.object({
        eventId: z.string(),
        eventType: z.string(),
        eventTime: Timestamp.optional(),
        attributes: z.record(z.string(), z.unknown()).meta({
          description:
            "The event's attributes as Temporal returns them, decoded where possible",
        }),
      }),
    ),
    nextPageToken: z.string().optional().meta({
      description: 'Opaque; pass back as pageToken for the next page',
    }),
  })
  .meta({ id: 'History', description: "A page of an execution's history." });

const ExecutionRef = z
  .object({ workflowId: z.string(), runId: z.string() })
  .meta({ id: 'ExecutionRef', description: 'One run of an execution.' });

const BatchStatus = z
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

// ---------------------------------------------------------------------------
// Operations

export const apiSpec = defineApi({
  pluginId: 'workflows',
  description:
    "Run, watch and govern AI workflows on Temporal from the AI Ops Console. Every route takes a user's or a service's token; request bodies are limited to 1 MB.",
  operations: {
    getHealth: {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      summary: 'Whether Temporal answers and the namespace exists',
      responses: {
        200: { description: 'Temporal is reachable', body: Health },
        503: {
          description:
            'Temporal is unreachable; retry after Retry-After seconds',
          body: Health,
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before retrying.',
              schema: z.number().int().min(0).max(86400),
            },
          },
        },
      },
    },
    getMetrics: {
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus exposition of workflow outcomes',
      description:
        'The outcomes of every execution of the namespace: for callers who may read every execution (workflows.execution.read without conditions).',
      responses: {
        200: {
          description: 'text/plain exposition',
          contentType: 'text/plain',
        },
      },
      errors: [403],
    },
    listWorkflowTypes: {
      method: 'get',
      path: '/types',
      operationId: 'listWorkflowTypes',
      summary: 'Registered workflow types with their input schemas',
      description: 'For callers who may read some executions.',
      responses: {
        200: {
          description: 'The registered types',
          body: z.object({ items: z.array(WorkflowType) }),
        },
      },
      errors: [403],
    },
    listExecutions: {
      method: 'get',
      path: '/executions',
      operationId: 'listExecutions',
      summary:
        'Executions the caller may read, newest first, through Temporal visibility',
      query: listQuery,
      responses: {
        200: { description: 'A page of executions', body: List },
      },
      errors: [403, 503],
    },
    countExecutions: {
      method: 'get',
      path: '/executions/counts',
      operationId: 'countExecutions',
      summary: 'Counts by status of the executions the caller may read',
      query: filterQuery,
      responses: {
        200: { description: 'The counts', body: Counts },
      },
      errors: [403, 503],
    },
    startExecution: {
      method: 'post',
      path: '/executions',
      operationId: 'startExecution',
      summary:
        'Start a workflow; the input is validated against the type schema',
      description:
        'Answers 400 for an unknown type or an invalid input (the message names each problem), 409 when an execution with that workflowId is running.',
      body: z
        .object({
          type: z
            .string()
            .min(1)
            .max(200)
            .meta({ description: 'A registered type (GET /types)' }),
          input: z.record(z.string(), z.unknown()).default({}).meta({
            description: 'Validated against the input schema of the type',
          }),
          workflowId: z
            .string()
            .min(1)
            .max(300)
            .regex(
              /^[A-Za-z0-9._:@/-]+$/,
              'letters, digits and . _ : @ / - only',
            )
            .optional()
            .meta({ description: 'Generated when absent' }),
        })
        .strict(),
      responses: {
        201: { description: 'Started', body: ExecutionRef },
      },
      errors: [403, 409, 413, 503],
    },
    batchExecutions: {
      method: 'post',
      path: '/executions/batch',
      operationId: 'batchExecutions',
      summary:
        'Cancel or terminate every running execution that matches the filter and that the caller may cancel or terminate',
      description:
        'Starts one Temporal batch operation; follow it with GET /batches/{jobId}.',
      body: z
        .object({
          action: z.enum(['cancel', 'terminate']),
          reason: Reason,
          filter: BatchFilter.default({}),
        })
        .strict(),
      responses: {
        202: {
          description: 'Batch started',
          body: z.object({
            jobId: z.string(),
            query: z.string().meta({
              description:
                'The visibility query of the batch: the running executions of the filter that the caller may act on',
            }),
            matched: count().meta({
              description: 'How many executions matched when it started',
            }),
          }),
        },
      },
      errors: [403, 413, 503],
    },
    getBatch: {
      method: 'get',
      path: '/batches/:jobId',
      operationId: 'getBatch',
      summary: 'State of a batch operation',
      description:
        'Answers 400 when Temporal refuses the job id, 404 when there is no such batch.',
      params: z.object({
        jobId: z.string().meta({
          description: 'The jobId that POST /executions/batch answered',
        }),
      }),
      responses: {
        200: { description: 'The state of the batch', body: BatchStatus },
      },
      errors: [403, 404, 503],
    },
    describeExecution: {
      method: 'get',
      path: '/executions/:workflowId',
      operationId: 'describeExecution',
      summary: 'Status, input, result or failure, pending activities',
      description:
        'Answers 400 for a bad run id or an unknown query parameter, 404 when there is no such execution.',
      params: workflowIdParams,
      query: runIdQuery,
      responses: {
        200: { description: 'The execution', body: Detail },
      },
      errors: [403, 404, 503],
    },
    getHistory: {
      method: 'get',
      path: '/executions/:workflowId/history',
      operationId: 'getHistory',
      summary: 'Event history, paged',
      description:
        'Temporal pages by event batches: a page may hold more than pageSize events. Answers 404 when there is no such execution.',
      params: workflowIdParams,
      query: z
        .object({ runId: RunId.optional(), pageSize, pageToken })
        .strict(),
      responses: {
        200: { description: 'A page of the history', body: History },
      },
      errors: [403, 404, 503],
    },
    queryExecution: {
      method: 'post',
      path: '/executions/:workflowId/query',
      operationId: 'queryExecution',
      summary: 'Run a query the type declares',
      description:
        'Answers 400 for a query the type does not declare, 404 when there is no such execution.',
      params: workflowIdParams,
      body: z
        .object({
          name: z.string().min(1).max(200),
          args: z.array(z.unknown()).max(20).default([]),
          runId: RunId.optional(),
        })
        .strict(),
      responses: {
        200: {
          description: 'The query result',
          body: z.object({
            result: z.unknown().optional().meta({
              description: 'What the query answered; absent when nothing',
            }),
          }),
        },
      },
      errors: [403, 404, 413, 503],
    },
    signalExecution: {
      method: 'post',
      path: '/executions/:workflowId/signal',
      operationId: 'signalExecution',
      summary:
        'Send a signal the type declares; approve/reject record the caller as the decider',
      description:
        'Approve and reject need workflows.promotion.approve (other signals workflows.execution.signal) and a user other than the one who started the execution: 403 otherwise, for admins too. Answers 400 for a signal the type does not declare or a bad payload, 404 when there is no such execution or it has closed.',
      params: workflowIdParams,
      body: z
        .object({
          name: z.string().min(1).max(200),
          payload: z.record(z.string(), z.unknown()).optional(),
          runId: RunId.optional(),
        })
        .strict(),
      responses: {
        200: { description: 'Signalled', body: ExecutionRef },
      },
      errors: [403, 404, 413, 503],
    },
    cancelExecution: {
      method: 'post',
      path: '/executions/:workflowId/cancel',
      operationId: 'cancelExecution',
      summary: 'Request cancellation',
      description: 'Answers 404 when there is no such execution.',
      params: workflowIdParams,
      body: z
        .object({
          runId: RunId.optional(),
          reason: z.string().max(2000).optional(),
        })
        .strict(),
      responses: {
        200: { description: 'Cancellation requested', body: ExecutionRef },
      },
      errors: [403, 404, 413, 503],
    },
    terminateExecution: {
      method: 'post',
      path: '/executions/:workflowId/terminate',
      operationId: 'terminateExecution',
      summary: 'Terminate at once; the reason is recorded with the caller',
      description:
        'Answers 400 without a reason, 404 when there is no such execution.',
      params: workflowIdParams,
      body: z
        .object({
          runId: RunId.optional(),
          reason: Reason,
        })
        .strict(),
      responses: {
        200: { description: 'Terminated', body: ExecutionRef },
      },
      errors: [403, 404, 413, 503],
    },
  },
});
