import {
  createPermissionResourceRef,
  createPermissionRule,
  createConditionExports,
} from '@backstage/plugin-permission-node';
import { WORKFLOW_RESOURCE_TYPE } from '@ai-ops-console/backstage-plugin-workflows-common';
import { z } from 'zod';

/** What rules see of an execution. */
export type WorkflowResource = {
  workflowId: string;
  type: string;
  namespace: string;
  startedBy?: string;
};

/**
 * A leaf of a visibility filter: `field IN (values)`. Namespace leaves are
 * decided by the service (the namespace is not a visibility field).
 */
export type WorkflowQueryLeaf = {
  field: 'ConsoleStartedBy' | 'WorkflowType' | 'namespace';
  values: string[];
};

export const workflowResourceRef = createPermissionResourceRef<
  WorkflowResource,
  WorkflowQueryLeaf
>().with({ pluginId: 'workflows', resourceType: WORKFLOW_RESOURCE_TYPE });

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Executions started from the console by one of the given users. */
export const isStartedBy = createPermissionRule({
  name: 'IS_STARTED_BY',
  description:
    'Allow executions started from the console by one of the given users',
  resourceRef: workflowResourceRef,
  paramsSchema: z.object({
    userRefs: z
      .array(z.string())
      .describe('User entity refs, e.g. user:default/jane'),
  }),
  apply: (resource, { userRefs }) =>
    resource.startedBy !== undefined &&
    userRefs.map(lower).includes(lower(resource.startedBy)),
  toQuery: ({ userRefs }) => ({
    field: 'ConsoleStartedBy',
    values: userRefs.map(lower),
  }),
});

/** Executions of the given workflow types. */
export const hasWorkflowType = createPermissionRule({
  name: 'HAS_WORKFLOW_TYPE',
  description: 'Allow executions of the given workflow types',
  resourceRef: workflowResourceRef,
  paramsSchema: z.object({
    types: z
      .array(z.string())
      .describe('Workflow type names, e.g. modelEvaluation'),
  }),
  apply: (resource, { types }) => types.includes(resource.type),
  toQuery: ({ types }) => ({ field: 'WorkflowType', values: types }),
});

/** Executions in the given Temporal namespaces. */
export const inNamespace = createPermissionRule({
  name: 'IN_NAMESPACE',
  description: 'Allow executions in the given Temporal namespaces',
  resourceRef: workflowResourceRef,
  paramsSchema: z.object({
    namespaces: z.array(z.string()).describe('Temporal namespaces'),
  }),
  apply: (resource, { namespaces }) => namespaces.includes(resource.namespace),
  toQuery: ({ namespaces }) => ({ field: 'namespace', values: namespaces }),
});

export const workflowRules = [isStartedBy, hasWorkflowType, inNamespace];

/**
 * For permission policies: conditions on workflow executions, e.g.
 * `workflowConditions.isStartedBy({ userRefs: [user.info.userEntityRef] })`.
 * @public
 */
export const {
  conditions: workflowConditions,
  createConditionalDecision: createWorkflowConditionalDecision,
} = createConditionExports({
  resourceRef: workflowResourceRef,
  rules: { isStartedBy, hasWorkflowType, inNamespace },
});
