import {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  WORKFLOW_STATUSES,
  WorkflowsHealth,
} from '@internal/backstage-plugin-workflows-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { loadOpenApiDocument } from './openapi';
import { WorkflowService } from './WorkflowService';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  temporal: { health(): Promise<WorkflowsHealth> };
  workflows: WorkflowService;
  metrics: Registry;
};

/**
 * A query parameter holding an integer in decimal digits: unlike
 * z.coerce.number(), "", " 5", "1e1" and "0x10" are refused.
 */
const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?[0-9]{1,16}$/, 'an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

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
    .refine(s => !s.includes('\u0000'), 'must not contain NUL characters');

/** Temporal run ids are UUIDs; anything else is refused here, not by Temporal. */
const runIdField = z.guid('a run id is a UUID');

const filterSchema = z
  .object({
    status: csv.pipe(z.array(z.enum(WORKFLOW_STATUSES))).optional(),
    type: csv.pipe(z.array(queryText(200)).max(50)).optional(),
    startedBy: queryText(300).optional(),
    idPrefix: queryText(300).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

const listSchema = filterSchema
  .extend({
    pageSize: queryInteger(1, 1000).default(100),
    pageToken: z
      .string()
      .max(4000)
      .regex(/^[A-Za-z0-9_-]*$/)
      .optional(),
  })
  .strict();

const historySchema = z
  .object({
    runId: runIdField.optional(),
    pageSize: queryInteger(1, 1000).default(100),
    pageToken: z
      .string()
      .max(4000)
      .regex(/^[A-Za-z0-9_-]*$/)
      .optional(),
  })
  .strict();

const runIdSchema = z.object({ runId: runIdField.optional() }).strict();

const startSchema = z
  .object({
    type: z.string().min(1).max(200),
    input: z.record(z.string(), z.unknown()).default({}),
    workflowId: z
      .string()
      .min(1)
      .max(300)
      .regex(/^[A-Za-z0-9._:@/-]+$/, 'letters, digits and . _ : @ / - only')
      .optional(),
  })
  .strict();

const querySchema = z
  .object({
    name: z.string().min(1).max(200),
    args: z.array(z.unknown()).max(20).default([]),
    runId: runIdField.optional(),
  })
  .strict();

const signalSchema = z
  .object({
    name: z.string().min(1).max(200),
    payload: z.record(z.string(), z.unknown()).optional(),
    runId: runIdField.optional(),
  })
  .strict();

const cancelSchema = z
  .object({
    runId: runIdField.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();

const terminateSchema = z
  .object({
    runId: runIdField.optional(),
    reason: z.string().max(2000).trim().min(1, 'a reason is required'),
  })
  .strict();

const batchSchema = z
  .object({
    action: z.enum(['cancel', 'terminate']),
    reason: z.string().max(2000).trim().min(1, 'a reason is required'),
    filter: filterSchema
      .omit({ status: true })
      .extend({
        type: z.array(queryText(200)).max(50).optional(),
      })
      .default({}),
  })
  .strict();

/**
 * The body of a route that needs one: 400 unless the request carries JSON
 * (without it express.json() leaves an empty object, which would pass).
 */
function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new InputError(
      'a JSON body is required (Content-Type: application/json)',
    );
  }
  return req.body;
}

/** Parses with a schema; 400 naming each bad field. */
function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(issue => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    throw new InputError(`invalid ${where}: ${problems.join('; ')}`);
  }
  return result.data;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, temporal, workflows, metrics } = options;
  const openApiDocument = loadOpenApiDocument();
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const caller = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Runs a mutation as one audit event: success with its meta, or failure. */
  async function audited<T extends JsonObject>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
    severityLevel: AuditorServiceEventSeverityLevel = 'medium',
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel,
      meta,
    });
    try {
      const result = await fn();
      await event.success({ meta: result });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', async (req, res) => {
    await caller(req);
    const health = await temporal.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  router.get('/openapi.json', async (req, res) => {
    await caller(req);
    res.json(openApiDocument);
  });

  router.get('/metrics', async (req, res) => {
    await workflows.requireSomeRead(await caller(req));
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  router.get('/types', async (req, res) => {
    const credentials = await caller(req);
    res.json({ items: await workflows.listTypes({ credentials }) });
  });

  router.get('/executions', async (req, res) => {
    const credentials = await caller(req);
    const { pageSize, pageToken, ...filter } = parse(
      listSchema,
      req.query,
      'query',
    );
    res.json(
      await workflows.list({ credentials, filter, pageSize, pageToken }),
    );
  });

  router.get('/executions/counts', async (req, res) => {
    const credentials = await caller(req);
    const filter = parse(filterSchema, req.query, 'query');
    res.json(await workflows.counts({ credentials, filter }));
  });

  router.post('/executions', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(startSchema, jsonBody(req), 'body');
    const started = await audited(
      req,
      'workflow-start',
      { type: body.type, workflowId: body.workflowId ?? null },
      () => workflows.start({ credentials, ...body }),
    );
    res.status(201).json(started);
  });

  router.post('/executions/batch', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(batchSchema, jsonBody(req), 'body');
    const result = await audited(
      req,
      `workflow-batch-${body.action}`,
      {
        action: body.action,
        reason: body.reason,
        filter: body.filter as JsonObject,
      },
      () => workflows.batch({ credentials, ...body }),
      'high',
    );
    res.status(202).json(result);
  });

  router.get('/batches/:jobId', async (req, res) => {
    const credentials = await caller(req);
    res.json(
      await workflows.batchStatus({ credentials, jobId: req.params.jobId }),
    );
  });

  router.get('/executions/:workflowId', async (req, res) => {
    const credentials = await caller(req);
    const { runId } = parse(runIdSchema, req.query, 'query');
    res.json(
      await workflows.describe({
        credentials,
        workflowId: req.params.workflowId,
        runId,
      }),
    );
  });

  router.get('/executions/:workflowId/history', async (req, res) => {
    const credentials = await caller(req);
    const q = parse(historySchema, req.query, 'query');
    res.json(
      await workflows.history({
        credentials,
        workflowId: req.params.workflowId,
        ...q,
      }),
    );
  });

  router.post('/executions/:workflowId/query', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(querySchema, jsonBody(req), 'body');
    res.json(
      await workflows.query({
        credentials,
        workflowId: req.params.workflowId,
        ...body,
      }),
    );
  });

  router.post('/executions/:workflowId/signal', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(signalSchema, jsonBody(req), 'body');
    const { workflowId } = req.params;
    res.json(
      await audited(
        req,
        'workflow-signal',
        { workflowId, signal: body.name },
        () => workflows.signal({ credentials, workflowId, ...body }),
      ),
    );
  });

  router.post('/executions/:workflowId/cancel', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(cancelSchema, jsonBody(req), 'body');
    const { workflowId } = req.params;
    res.json(
      await audited(
        req,
        'workflow-cancel',
        { workflowId, reason: body.reason ?? null },
        () => workflows.cancel({ credentials, workflowId, runId: body.runId }),
      ),
    );
  });

  router.post('/executions/:workflowId/terminate', async (req, res) => {
    const credentials = await caller(req);
    const body = parse(terminateSchema, jsonBody(req), 'body');
    const { workflowId } = req.params;
    res.json(
      await audited(
        req,
        'workflow-terminate',
        { workflowId, reason: body.reason },
        () => workflows.terminate({ credentials, workflowId, ...body }),
        'high',
      ),
    );
  });

  return router;
}
