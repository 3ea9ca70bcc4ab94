import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { workflowReadPermission } from '@ai-ops-console/backstage-plugin-workflows-common';
import { WorkflowQueryLeaf, WorkflowResource } from '../permissions/rules';
import { criteriaToQuery } from './visibility';

/**
 * Who may do what to which executions: each check answers or throws a 403.
 * A conditional decision is applied to one execution, or turned into a
 * visibility query fragment for a list of them.
 */
export class WorkflowAccess {
  private readonly permissions: PermissionsService;
  private readonly namespace: string;
  private readonly authorizeResource: (
    decision: PolicyDecision,
    resource: WorkflowResource | undefined,
  ) => boolean;
  private readonly transform: ReturnType<
    typeof createConditionTransformer<WorkflowQueryLeaf>
  >;

  constructor(options: {
    permissions: PermissionsService;
    ruleset: PermissionRuleset<WorkflowResource, WorkflowQueryLeaf>;
    /** The Temporal namespace queried, which namespace conditions are decided against. */
    namespace: string;
  }) {
    this.permissions = options.permissions;
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
      throw new NotAllowedError(
        `the metrics count every execution; they need ${workflowReadPermission.name} on all of them`,
      );
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
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      throw new NotAllowedError(`you may not use ${permission.name}`);
    }
    return criteriaToQuery(this.transform(decision.conditions), this.namespace);
  }

  async requireBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`you may not use ${permission.name}`);
    }
  }

  async requireResource(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    resource: WorkflowResource,
  ) {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.authorizeResource(decision, resource)) {
      throw new NotAllowedError(
        `you may not use ${permission.name} on ${resource.workflowId}`,
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

/**
 * Four eyes: a decision is a user's, and not the one who started the
 * execution (compared as the search attribute stores it, lower case).
 * Executions started outside the console have no starter to compare with.
 */
export function requireSomeoneElse(options: {
  credentials: BackstageCredentials;
  /** the decision, e.g. approve */
  name: string;
  resource: WorkflowResource;
}) {
  const { credentials, name, resource } = options;
  const by = userRefOf(credentials);
  if (!by) throw new NotAllowedError(`only a user can ${name}`);
  if (
    resource.startedBy !== undefined &&
    resource.startedBy.toLocaleLowerCase('en-US') ===
      by.toLocaleLowerCase('en-US')
  ) {
    throw new NotAllowedError(
      `you started ${resource.workflowId}, so someone else must ${name} it`,
    );
  }
}
