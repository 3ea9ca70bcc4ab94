import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a single workflow execution; conditional rules
 * (who started it, namespace, type) filter on it.
 * @public
 */
export const WORKFLOW_RESOURCE_TYPE = 'workflow-execution';

/** Read executions, their history and queries. @public */
export const workflowReadPermission = createPermission({
  name: 'workflows.execution.read',
  attributes: { action: 'read' },
  resourceType: WORKFLOW_RESOURCE_TYPE,
});

/** Start a new execution of a registered workflow type. @public */
export const workflowStartPermission = createPermission({
  name: 'workflows.execution.start',
  attributes: { action: 'create' },
});

/** Send a declared signal other than a decision (approve, reject). @public */
export const workflowSignalPermission = createPermission({
  name: 'workflows.execution.signal',
  attributes: { action: 'update' },
  resourceType: WORKFLOW_RESOURCE_TYPE,
});

/**
 * Approve or reject what an execution waits for (the decision signals, e.g.
 * a model promotion's), on executions someone else started: the console
 * refuses a decision by the user who started the execution, whatever their
 * permissions. It replaces {@link workflowSignalPermission} for those
 * signals. @public
 */
export const workflowApprovePermission = createPermission({
  name: 'workflows.promotion.approve',
  attributes: { action: 'update' },
  resourceType: WORKFLOW_RESOURCE_TYPE,
});

/** Request cancellation of an execution. @public */
export const workflowCancelPermission = createPermission({
  name: 'workflows.execution.cancel',
  attributes: { action: 'update' },
  resourceType: WORKFLOW_RESOURCE_TYPE,
});

/** Terminate an execution at once, with a reason. @public */
export const workflowTerminatePermission = createPermission({
  name: 'workflows.execution.terminate',
  attributes: { action: 'delete' },
  resourceType: WORKFLOW_RESOURCE_TYPE,
});

/** Cancel or terminate every execution that matches a filter. @public */
export const workflowBatchPermission = createPermission({
  name: 'workflows.execution.batch',
  attributes: { action: 'delete' },
});

/** Every permission of the workflows plugin. @public */
export const workflowsPermissions = [
  workflowReadPermission,
  workflowStartPermission,
  workflowSignalPermission,
  workflowApprovePermission,
  workflowCancelPermission,
  workflowTerminatePermission,
  workflowBatchPermission,
];
