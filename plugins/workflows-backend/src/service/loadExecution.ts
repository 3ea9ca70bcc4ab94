import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { WorkflowExecutionDescription } from '@temporalio/client';
import { WorkflowResource } from '../permissions/rules';
import { startedByKey } from '../temporal/workflows/searchAttributes';
import { TemporalService } from './TemporalService';
import { WorkflowAccess } from './WorkflowAccess';
import { WorkflowTypeRegistry } from './WorkflowTypeRegistry';

/** Who asks: every operation on executions is on someone's behalf. */
export type Caller = { credentials: BackstageCredentials };
/** One execution, of the caller's request: its latest run unless runId says. */
export type ExecutionRef = Caller & { workflowId: string; runId?: string };

/** What the services on executions work with. */
export type ExecutionServiceOptions = {
  temporal: TemporalService;
  registry: WorkflowTypeRegistry;
  access: WorkflowAccess;
};

/** One execution as Temporal describes it and as permission rules see it. */
export type LoadedExecution = {
  description: WorkflowExecutionDescription;
  resource: WorkflowResource;
  /** the run described: the latest one when none was asked for */
  runId: string;
};

/** Loads one execution; 404 when it does not exist. */
export async function loadExecution(options: {
  temporal: TemporalService;
  workflowId: string;
  runId?: string;
}): Promise<LoadedExecution> {
  const { temporal, workflowId, runId } = options;
  if (!workflowId) throw new InputError('workflowId is required');
  const description = await temporal.call(() =>
    temporal.getClient().workflow.getHandle(workflowId, runId).describe(),
  );
  const resource: WorkflowResource = {
    workflowId: description.workflowId,
    type: description.type,
    namespace: temporal.settings.namespace,
    startedBy: description.typedSearchAttributes.get(startedByKey),
  };
  return { description, resource, runId: description.runId };
}

/**
 * Loads one execution that the caller holds the permission on: 404 when it
 * does not exist, 403 when they may not.
 */
export async function loadExecutionFor(options: {
  temporal: TemporalService;
  access: WorkflowAccess;
  permission: ResourcePermission;
  credentials: BackstageCredentials;
  workflowId: string;
  runId?: string;
}): Promise<LoadedExecution> {
  const { access, permission, credentials } = options;
  const loaded = await loadExecution(options);
  await access.requireResource(permission, credentials, loaded.resource);
  return loaded;
}
