import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  decide,
  PolicySnapshot,
  rolesOf,
} from '@ai-ops-console/backstage-plugin-user-admin-common';

/**
 * The console's permission policy: decides from the roles stored by
 * user-admin (see `decide`). Refs in `permission.rbac.admins` are allowed
 * everything whatever the roles say: the break-glass for a console whose
 * roles lock everyone out. Requests without a user are denied; when roles
 * cannot be read at all, everything is denied.
 */
export class RbacPolicy implements PermissionPolicy {
  private readonly admins: ReadonlySet<string>;

  constructor(
    private readonly options: {
      admins: Iterable<string>;
      snapshot: () => Promise<PolicySnapshot>;
      /**
       * The snapshot checked for changes unless checked in the last `maxAgeMs`;
       * used for callers holding no role, who may have just registered.
       */
      freshSnapshot?: (maxAgeMs: number) => Promise<PolicySnapshot>;
      logger: LoggerService;
    },
  ) {
    this.admins = new Set(
      [...options.admins].map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef;
    if (!userRef) {
      return { result: AuthorizeResult.DENY };
    }
    if (this.admins.has(userRef.toLocaleLowerCase('en-US'))) {
      return { result: AuthorizeResult.ALLOW };
    }
    const subject = {
      userRef,
      ownershipRefs: user!.info.ownershipEntityRefs ?? [userRef],
    };
    try {
      let snapshot = await this.options.snapshot();
      if (
        this.options.freshSnapshot &&
        rolesOf(subject, snapshot.roles).length === 0
      ) {
        // someone the snapshot does not know: maybe registered a moment ago
        snapshot = await this.options.freshSnapshot(100);
      }
      return decide({ permission: request.permission, subject, snapshot })
        .decision;
    } catch (error) {
      this.options.logger.error(
        `denying ${request.permission.name}: roles unavailable: ${
          (error as Error).message
        }`,
      );
      return { result: AuthorizeResult.DENY };
    }
  }
}
