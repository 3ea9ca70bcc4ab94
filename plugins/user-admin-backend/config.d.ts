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
     * E-mails that become active admins at their first sign-in, whatever the
     * registration mode, while no active admin exists: how a new console gets
     * its first admin. Only an address the identity provider marks verified
     * (`email_verified`, or Entra ID's `xms_edov`) counts. An entry may also
     * be `<provider>:<subject>` (e.g. `oidc:<object id>`), for providers
     * that verify no address.
     */
    bootstrapAdmins?: string[];
    signIn?: {
      /**
       * Domains whose addresses, when the identity provider marks them
       * verified, give a new user the plain ref of the address's local part
       * (`jane@corp.example` → `user:default/jane`). Everyone else gets their
       * chosen name with a suffix drawn from their identity
       * (`user:default/jane-1a2b3c4d`), so that no one can take a ref that
       * roles or catalog ownership were prepared for.
       * @default []
       */
      trustedEmailDomains?: string[];
      /**
       * Namespace of the group refs made from the identity provider's
       * `groups` claim (each value becomes `group:<namespace>/<name>`).
       * @default default
       */
      groupNamespace?: string;
    };
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
