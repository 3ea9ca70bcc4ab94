import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Permission } from '@backstage/plugin-permission-common';
import {
  decide,
  PolicySnapshot,
  PolicyTestResult,
  Role,
} from '@ai-ops-console/backstage-plugin-user-admin-common';

/** Lists the permissions plugins register and explains decisions for them. */
export class PolicyTester {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      plugins: string[];
      localPermissions: Permission[];
    },
  ) {}

  /** Every permission the configured plugins register, by name. */
  async permissions(): Promise<{ items: Permission[]; unreachable: string[] }> {
    const byName = new Map<string, Permission>();
    for (const p of this.deps.localPermissions) byName.set(p.name, p);
    const unreachable: string[] = [];
    await Promise.all(
      this.deps.plugins.map(async pluginId => {
        try {
          const baseUrl = await this.deps.discovery.getBaseUrl(pluginId);
          const { token } = await this.deps.auth.getPluginRequestToken({
            onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
            targetPluginId: pluginId,
          });
          const response = await fetch(
            `${baseUrl}/.well-known/backstage/permissions/metadata`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          if (!response.ok) throw new Error(`status ${response.status}`);
          const body = (await response.json()) as {
            permissions?: Permission[];
          };
          for (const p of body.permissions ?? []) byName.set(p.name, p);
        } catch (error) {
          unreachable.push(pluginId);
          this.deps.logger.warn(
            `could not read permissions of ${pluginId}: ${
              (error as Error).message
            }`,
          );
        }
      }),
    );
    return {
      items: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
      unreachable,
    };
  }

  /**
   * The decision for every permission, for a user (with the ownership refs
   * given, or the user ref alone) or for a draft role held by that user.
   */
  async test(options: {
    snapshot: PolicySnapshot;
    userRef: string;
    ownershipRefs?: string[];
    draftRole?: Omit<Role, 'builtIn' | 'members'>;
  }): Promise<{ results: PolicyTestResult[]; unreachable: string[] }> {
    const { items, unreachable } = await this.permissions();
    const subject = {
      userRef: options.userRef,
      ownershipRefs: options.ownershipRefs ?? [options.userRef],
    };
    const roles = options.draftRole
      ? [
          // only the draft counts: "what would this role allow"
          { ...options.draftRole, builtIn: false, members: [options.userRef] },
        ]
      : options.snapshot.roles;
    const snapshot = {
      roles,
      inactiveUsers: options.draftRole ? [] : options.snapshot.inactiveUsers,
    };
    const results = items.map(permission => {
      const { decision, why } = decide({ permission, subject, snapshot });
      return {
        permission: permission.name,
        resourceType:
          'resourceType' in permission ? permission.resourceType : undefined,
        action: permission.attributes.action,
        result: decision.result as PolicyTestResult['result'],
        why,
        conditions:
          decision.result === 'CONDITIONAL' ? decision.conditions : undefined,
      };
    });
    return { results, unreachable };
  }
}
