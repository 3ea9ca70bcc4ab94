import { defineApi } from '@ai-ops-console/console-common';
import { z } from 'zod';
import {
  BatchFilter,
  filterQuery,
  listQuery,
  pageSize,
  pageToken,
  Reason,
  RunId,
  runIdQuery,
  workflowIdParams,
} from './requests';
import {
  BatchStarted,
  BatchStatus,
  Counts,
  Detail,
  ExecutionRef,
  Health,
  History,
  List,
  QueryResult,
  WorkflowType,
} from './responses';

// The workflows API, declared once: these schemas validate the requests and
// type the handlers of the backend's router, check its responses in tests,
// type the frontend's client and are the only source of the backend's
// openapi.yaml (scripts/openapi.cjs).

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
          body: BatchStarted,
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
          body: QueryResult,
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

/** The declared workflows API, for the types derived from it. @public */
export type WorkflowsApiSpec = typeof apiSpec;
