export interface Config {
  userAdmin?: {
    /**
     * What the first sign-in of an unknown identity does: `open` registers an
     * active user with the default roles, `approval` a pending user that an
     * admin approves, `closed` refuses (admins invite users instead).
     * @default open
     */
    registration?: 'open' | 'approval' | 'closed';
    /**
     * Roles of a newly registered or invited user.
     * @default ["viewer"]
     */
    defaultRoles?: string[];
    /**
     * Emails that become active admins at their first sign-in, whatever the
     * registration mode: how a new console gets its first admin.
     */
    bootstrapAdmins?: string[];
    /**
     * Plugins whose registered permissions the policy tester and the role
     * editor list.
     * @default ["catalog", "workflows", "ai-metrics", "user-admin"]
     */
    permissionPlugins?: string[];
    /**
     * Retry-After (seconds) of the 503 that the routes answer while the
     * database is unreachable or restarting.
     * @default 5
     */
    retryAfterSeconds?: number;
    sessionGuard?: {
      /**
       * How often each backend process reads the revocation state (revoked
       * sessions, users logged out everywhere, disabled users) from user-admin.
       * A revocation is enforced by every plugin within this time.
       * @default 2000
       */
      pollMs?: number;
      /**
       * Past this age without a successful read, user requests answer 503
       * rather than trust possibly revoked tokens.
       * @default 30000
       */
      staleAfterMs?: number;
    };
  };
}
