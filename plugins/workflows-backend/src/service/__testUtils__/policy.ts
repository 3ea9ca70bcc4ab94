import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { WORKFLOW_RESOURCE_TYPE } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  WorkflowQueryLeaf,
  WorkflowResource,
  workflowRules,
} from '../../permissions/rules';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { WorkflowAccess } from '../WorkflowAccess';

/** A policy as a table: the decision for a permission name and a user ref. */
export type Decide = (
  permission: string,
  userRef: string | undefined,
) => PolicyDecision;

export const allow = { result: AuthorizeResult.ALLOW } as const;
export const deny = { result: AuthorizeResult.DENY } as const;

/** The conditional decision "only executions these users started". */
export function startedBy(...userRefs: string[]): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'workflows',
    resourceType: WORKFLOW_RESOURCE_TYPE,
    conditions: {
      rule: 'IS_STARTED_BY',
      resourceType: WORKFLOW_RESOURCE_TYPE,
      params: { userRefs },
    },
  };
}

const userOf = (options?: { credentials?: BackstageCredentials }) =>
  (options?.credentials?.principal as { userEntityRef?: string } | undefined)
    ?.userEntityRef;

/**
 * A permissions service that answers from `decide`: basic permissions get
 * ALLOW or DENY (a conditional decision counts as DENY there), resource
 * permissions get the decision itself.
 */
export function policyPermissions(decide: Decide) {
  return mockServices.permissions.mock({
    async authorize(requests, options) {
      return requests.map(r => ({
        result:
          decide(r.permission.name, userOf(options)).result ===
          AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests, options) {
      return requests.map(r =>
        decide(r.permission.name, userOf(options)),
      ) as any;
    },
  });
}

/** The rules of workflow executions, as the permissions registry holds them. */
export const workflowRuleset: PermissionRuleset<
  WorkflowResource,
  WorkflowQueryLeaf
> = {
  getRuleByName(name) {
    const rule = workflowRules.find(r => r.name === name);
    if (!rule) throw new Error(`no workflow rule ${name}`);
    return rule as any;
  },
};

/**
 * A WorkflowAccess over the default namespace that answers from `decide`,
 * auditing refusals to `auditor`.
 */
export function policyAccess(
  decide: Decide,
  namespace = 'default',
  auditor = mockServices.auditor.mock(),
) {
  return new WorkflowAccess({
    gate: new PermissionGate({
      permissions: policyPermissions(decide),
      audit: new AuditTrail({ auditor }),
      logger: mockServices.logger.mock(),
    }),
    ruleset: workflowRuleset,
    namespace,
  });
}
