import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  workflowApprovePermission,
  workflowReadPermission,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { PermissionGate } from '@ai-ops-console/console-node';
import { WorkflowQueryLeaf, WorkflowResource } from '../permissions/rules';
import { criteriaToQuery } from './visibility';

/**
 * What the console's permission gate decides, applied to executions: a
 * conditional decision is applied to one loaded execution, or turned into a
 * visibility query fragment for a list of them. Basic permissions are asked
 * of the gate itself.
 */
export class WorkflowAccess {
  readonly gate: PermissionGate;
  private readonly namespace: string;
  private readonly authorizeResource: (
    decision: PolicyDecision,
    resource: WorkflowResource | undefined,
  ) => boolean;
  private readonly transform: ReturnType<
    typeof createConditionTransformer<WorkflowQueryLeaf>
  >;

  constructor(options: {
    gate: PermissionGate;
    ruleset: PermissionRuleset<WorkflowResource, WorkflowQueryLeaf>;
    /** The Temporal namespace queried, which namespace conditions are decided against. */
    namespace: string;
  }) {
    this.gate = options.gate;
    this.namespace = options.namespace;
    this.authorizeResource = createConditionAuthorizer(options.ruleset);
    this.transform = createConditionTransformer(options.ruleset);
  }

  /** 403 unless the caller may read at least some executions. */
  async requireSomeRead(credentials: BackstageCredentials) {
    await this.queryFragment(workflowReadPermission, credentials);
  }

  /**
   * 403 unless the caller may read every execution: for what is counted over
   * all of them (the outcome metrics), which a reader of some would learn
   * about the others.
   */
  async requireFullRead(credentials: BackstageCredentials) {
    const fragment = await this.queryFragment(
      workflowReadPermission,
      credentials,
    );
    if (fragment !== undefined) {
      await this.gate.refuse({
        credentials,
        permission: workflowReadPermission,
        message: `the metrics count every execution; they need ${workflowReadPermission.name} on all of them`,
      });
    }
  }

  /**
   * The visibility fragment a conditional decision allows; undefined for
   * ALLOW; throws 403 for DENY.
   */
  async queryFragment(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const decision = await this.gate.conditions(credentials, permission);
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    return criteriaToQuery(this.transform(decision.conditions), this.namespace);
  }

  /** 403 (audited unless a read) unless the decision allows this execution. */
  async requireResource(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    resource: WorkflowResource,
  ) {
    const decision = await this.gate.conditions(
      credentials,
      permission,
      resource.workflowId,
    );
    if (!this.authorizeResource(decision, resource)) {
      await this.gate.refuse({
        credentials,
        permission,
        resourceRef: resource.workflowId,
      });
    }
  }

  /**
   * Four eyes: a decision is a user's, and not the one who started the
   * execution (compared as the search attribute stores it, lower case).
   * Executions started outside the console have no starter to compare with.
   * A refusal is audited as a denial of the approve permission.
   */
  async requireSomeoneElse(options: {
    credentials: BackstageCredentials;
    /** the decision, e.g. approve */
    name: string;
    resource: WorkflowResource;
  }) {
    const { credentials, name, resource } = options;
    const refuse = (message: string) =>
      this.gate.refuse({
        credentials,
        permission: workflowApprovePermission,
        resourceRef: resource.workflowId,
        message,
      });
    const by = userRefOf(credentials);
    if (!by) {
      await refuse(`only a user can ${name}`);
      return;
    }
    if (
      resource.startedBy !== undefined &&
      resource.startedBy.toLocaleLowerCase('en-US') ===
        by.toLocaleLowerCase('en-US')
    ) {
      await refuse(
        `you started ${resource.workflowId}, so someone else must ${name} it`,
      );
    }
  }
}

/** The caller's user entity ref; undefined for a service. */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}
