import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * The console's permission policy. Configured admins are allowed everything;
 * every other signed-in user is allowed permissions whose action is `read`
 * and denied the rest. Requests without a user are denied.
 */
export class RbacPolicy implements PermissionPolicy {
  private readonly admins: ReadonlySet<string>;

  constructor(options: { admins: Iterable<string> }) {
    this.admins = new Set(
      [...options.admins].map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef.toLocaleLowerCase('en-US');
    if (!userRef) {
      return { result: AuthorizeResult.DENY };
    }
    if (this.admins.has(userRef)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (request.permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }
}
