import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  isDecisionSignal,
  workflowApprovePermission,
  workflowBatchPermission,
  workflowCancelPermission,
  workflowsApiSpec as apiSpec,
  workflowSignalPermission,
  workflowStartPermission,
  WorkflowsHealth,
  workflowTerminatePermission,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { AuditTrail, createApiRouter } from '@ai-ops-console/console-node';
import express from 'express';
import { Registry } from 'prom-client';
import {
  retryAfterOnUnavailable,
  TEMPORAL_RETRY_AFTER_SECONDS,
} from './temporalErrors';
import { ExecutionActions } from './ExecutionActions';
import { ExecutionReader } from './ExecutionReader';
import { WorkflowAccess } from './WorkflowAccess';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  temporal: { health(): Promise<WorkflowsHealth> };
  access: WorkflowAccess;
  executions: ExecutionReader;
  actions: ExecutionActions;
  metrics: Registry;
};

/**
 * The routes of the workflows API (declared in workflows-common's src/api):
 * every caller is a user or a service; the input is checked against the
 * declared schemas before the handler runs.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, temporal, access, executions, actions, metrics } = options;
  const audit = new AuditTrail({ auditor: options.auditor });
  const api = createApiRouter({
    spec: apiSpec,
    authenticate: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
    jsonLimit: '1mb',
  });
  const { operations } = apiSpec;

  api.add(operations.getHealth, async ({ res }) => {
    const health = await temporal.health();
    if (health.status !== 'ok') {
      res.set('Retry-After', String(TEMPORAL_RETRY_AFTER_SECONDS));
    }
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  api.add(operations.getMetrics, async ({ res, credentials }) => {
    await access.requireFullRead(credentials);
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  api.add(operations.listWorkflowTypes, async ({ res, credentials }) => {
    res.json({ items: await executions.listTypes({ credentials }) });
  });

  api.add(operations.listExecutions, async ({ res, credentials, query }) => {
    const { pageSize, pageToken, ...filter } = query;
    res.json(
      await executions.list({ credentials, filter, pageSize, pageToken }),
    );
  });

  api.add(operations.countExecutions, async ({ res, credentials, query }) => {
    res.json(await executions.counts({ credentials, filter: query }));
  });

  api.add(
    operations.startExecution,
    async ({ req, res, credentials, body }) => {
      const started = await audit.run(
        {
          eventId: 'workflow-start',
          credentials,
          request: req,
          permission: workflowStartPermission,
          resourceRef: body.workflowId,
          details: { type: body.type, workflowId: body.workflowId ?? null },
          outcome: result => result,
        },
        () => actions.start({ credentials, ...body }),
      );
      res.status(201).json(started);
    },
  );

  api.add(
    operations.batchExecutions,
    async ({ req, res, credentials, body }) => {
      const result = await audit.run(
        {
          eventId: `workflow-batch-${body.action}`,
          credentials,
          request: req,
          permission: workflowBatchPermission,
          details: {
            action: body.action,
            reason: body.reason,
            filter: body.filter as JsonObject,
          },
          severityLevel: 'high',
          outcome: batch => batch,
        },
        () => actions.batch({ credentials, ...body }),
      );
      res.status(202).json(result);
    },
  );

  api.add(operations.getBatch, async ({ res, credentials, params }) => {
    res.json(await actions.batchStatus({ credentials, jobId: params.jobId }));
  });

  api.add(
    operations.describeExecution,
    async ({ res, credentials, params, query }) => {
      res.json(
        await executions.describe({
          credentials,
          workflowId: params.workflowId,
          runId: query.runId,
        }),
      );
    },
  );

  api.add(
    operations.getHistory,
    async ({ res, credentials, params, query }) => {
      res.json(
        await executions.history({
          credentials,
          workflowId: params.workflowId,
          ...query,
        }),
      );
    },
  );

  api.add(
    operations.queryExecution,
    async ({ res, credentials, params, body }) => {
      res.json(
        await executions.query({
          credentials,
          workflowId: params.workflowId,
          ...body,
        }),
      );
    },
  );

  api.add(
    operations.signalExecution,
    async ({ req, res, credentials, params, body }) => {
      const { workflowId } = params;
      res.json(
        await audit.run(
          {
            eventId: 'workflow-signal',
            credentials,
            request: req,
            permission: isDecisionSignal(body.name)
              ? workflowApprovePermission
              : workflowSignalPermission,
            resourceRef: workflowId,
            details: {
              workflowId,
              runId: body.runId ?? null,
              signal: body.name,
            },
            severityLevel: isDecisionSignal(body.name) ? 'high' : 'medium',
            outcome: signalled => signalled,
          },
          () => actions.signal({ credentials, workflowId, ...body }),
        ),
      );
    },
  );

  api.add(
    operations.cancelExecution,
    async ({ req, res, credentials, params, body }) => {
      const { workflowId } = params;
      res.json(
        await audit.run(
          {
            eventId: 'workflow-cancel',
            credentials,
            request: req,
            permission: workflowCancelPermission,
            resourceRef: workflowId,
            details: {
              workflowId,
              runId: body.runId ?? null,
              reason: body.reason ?? null,
            },
            outcome: cancelled => cancelled,
          },
          () => actions.cancel({ credentials, workflowId, runId: body.runId }),
        ),
      );
    },
  );

  api.add(
    operations.terminateExecution,
    async ({ req, res, credentials, params, body }) => {
      const { workflowId } = params;
      res.json(
        await audit.run(
          {
            eventId: 'workflow-terminate',
            credentials,
            request: req,
            permission: workflowTerminatePermission,
            resourceRef: workflowId,
            details: {
              workflowId,
              runId: body.runId ?? null,
              reason: body.reason,
            },
            severityLevel: 'high',
            outcome: terminated => terminated,
          },
          () => actions.terminate({ credentials, workflowId, ...body }),
        ),
      );
    },
  );

  api.router.use(retryAfterOnUnavailable());

  return api.complete();
}
