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
} from '@internal/backstage-plugin-user-admin-common';

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
    let snapshot: PolicySnapshot;
    try {
      snapshot = await this.options.snapshot();
    } catch (error) {
      this.options.logger.error(
        `denying ${request.permission.name}: roles unavailable: ${
          (error as Error).message
        }`,
      );
      return { result: AuthorizeResult.DENY };
    }
    return decide({
      permission: request.permission,
      subject: {
        userRef,
        ownershipRefs: user!.info.ownershipEntityRefs ?? [userRef],
      },
      snapshot,
    }).decision;
  }
}
