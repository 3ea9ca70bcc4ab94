import { ResponseError } from '@backstage/errors';
import type { UserAdminApiSpec } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { ApiClient } from '@ai-ops-console/console-common';
import { DEMO_USERS } from '../demoContent';
import { DemoPart } from './DemoPart';

/**
 * The dev IdP's admin, operator and viewer, invited through user-admin's
 * API with the built-in role of that name: each is active from their first
 * sign-in (a verified e-mail claims the invitation), as user:default/<name>.
 */
export class DemoUsers implements DemoPart {
  readonly name = 'users';

  constructor(
    private readonly userAdmin: ApiClient<UserAdminApiSpec['operations']>,
  ) {}

  async isEmpty() {
    const { total } = await this.userAdmin.listUsers({ query: { limit: 1 } });
    return total === 0;
  }

  async seed() {
    const invited: string[] = [];
    for (const user of DEMO_USERS) {
      try {
        const created = await this.userAdmin.inviteUser({ body: user });
        invited.push(`${created.userRef} (${user.roles.join(', ')})`);
      } catch (error) {
        // invited by an earlier run that stopped half-way, or signed in since
        if (!(error instanceof ResponseError && error.statusCode === 409)) {
          throw error;
        }
      }
    }
    return `invited ${invited.length} user(s)${
      invited.length ? `: ${invited.join('; ')}` : ''
    }`;
  }
}
