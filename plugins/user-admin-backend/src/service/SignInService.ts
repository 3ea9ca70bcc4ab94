import { NotAllowedError } from '@backstage/errors';
import { ConsoleUser } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { Request } from 'express';
import { createHash } from 'node:crypto';
import { StoredSession, UserAdminStore } from '../database/UserAdminStore';
import { AuditTrail } from '@ai-ops-console/console-node';
import { UserAdminSettings } from './settings';
import { entityName, freeUserRef } from './userRefs';

/** Tells other plugins (the permission policy) that roles or users changed. */
export type PolicyChangeNotifier = () => Promise<void>;

/** What the sign-in resolver of an auth provider tells user-admin. */
export type SignInInput = {
  provider: string;
  /** The provider's stable, opaque id of the person (OIDC `sub`). */
  subject: string;
  email?: string;
  /** Only `true` lets the e-mail claim an invitation or a bootstrap admin. */
  emailVerified?: boolean;
  displayName?: string;
  username?: string;
  groups?: string[];
  /**
   * `login` after an interactive login at the provider (opens a new console
   * session); `refresh` when a browser renews its token (continues one).
   */
  kind: 'login' | 'refresh';
  /**
   * A random id the resolver chose at the interactive login and keeps in the
   * browser's refresh cookie: the key of the console session, so that a
   * refresh continues exactly the login it came from.
   */
  sessionKey: string;
  /** The provider's own session id (OIDC `sid`), when it sends one. */
  idpSession?: string;
  /** epoch seconds of the interactive login at the identity provider */
  authTime?: number;
  userAgent?: string;
  ipAddress?: string;
};

export type SignInResult = {
  userRef: string;
  ownershipRefs: string[];
  sessionId: string;
  created: boolean;
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Sign-in and registration: binds an identity of a provider to one console
 * user, once, and opens or continues that user's console session.
 *
 * What it trusts of the identity provider: the subject (stable and unique per
 * provider), and the e-mail only where the provider marks it verified. It
 * never trusts a username, a display name or a group name to say who
 * someone is: those only name things.
 */
export class SignInService {
  constructor(
    private readonly deps: {
      store: Pick<UserAdminStore, 'users' | 'sessions'>;
      audit: AuditTrail;
      settings: UserAdminSettings;
      notifyPolicyChange: PolicyChangeNotifier;
      /** Tells every process's session guard that sessions were revoked. */
      notifyRevocation?: () => Promise<void>;
      now?: () => number;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  async signIn(input: SignInInput, request?: Request): Promise<SignInResult> {
    const refuse = async (message: string, action: string, target?: string) => {
      await this.deps.audit.note(
        {
          actor: target ?? `${input.provider}:${input.subject}`,
          eventId: action,
          resourceRef: target,
          request,
          details: {
            provider: input.provider,
            kind: input.kind,
            email: input.email ?? null,
            emailVerified: input.emailVerified === true,
          },
        },
        { error: new Error(message) },
      );
      throw new NotAllowedError(message);
    };

    let created = false;
    let user = await this.store.users.findUserByIdentity({
      provider: input.provider,
      subject: input.subject,
    });
    if (!user && input.kind === 'refresh') {
      // a refresh never registers: the login it continues has no user (deleted)
      return refuse(
        'your account no longer exists: sign in again',
        'refresh-refused',
      );
    }
    if (!user) {
      const claimed = await this.claimInvitation(input);
      if (claimed) {
        user = claimed;
      } else {
        const registered = await this.register(input, refuse);
        user = registered;
        created = true;
      }
    }

    if (user.status === 'disabled') {
      return refuse(
        'your account is disabled',
        input.kind === 'login' ? 'sign-in-refused' : 'refresh-refused',
        user.userRef,
      );
    }
    if (user.status === 'pending') {
      return refuse(
        'your registration waits for an admin to approve it',
        'sign-in-refused',
        user.userRef,
      );
    }

    const session =
      input.kind === 'login'
        ? await this.openSession(user, input, request)
        : await this.continueSession(user, input, refuse);
    return {
      userRef: user.userRef,
      ownershipRefs: [user.userRef, ...this.groupRefs(input.groups)],
      sessionId: session.id,
      created,
    };
  }

  /**
   * Ends the console session of a login whose browser signed out: its
   * Backstage token is refused from now on, not only once it expires.
   */
  async signOut(
    input: { provider: string; sessionKey: string },
    request?: Request,
  ): Promise<void> {
    const session = await this.store.sessions.findSession(input);
    if (!session || session.revokedAt) return;
    await this.store.sessions
      .revokeSession({
        id: session.id,
        by: session.userRef,
        reason: 'signed out',
      })
      .catch(() => undefined); // ended meanwhile: nothing left to do
    await this.deps.notifyRevocation?.();
    await this.deps.audit.note(
      {
        actor: session.userRef,
        eventId: 'sign-out',
        resourceRef: session.userRef,
        request,
        details: { session: session.id },
      },
      'success',
    );
  }

  /** An invitation is claimed by a verified e-mail, by one identity, once. */
  private async claimInvitation(
    input: SignInInput,
  ): Promise<ConsoleUser | undefined> {
    if (!input.email || input.emailVerified !== true) return undefined;
    const invitation = await this.store.users.findInvitation({
      email: input.email,
    });
    if (!invitation) return undefined;
    const user = await this.store.users.updateUser({
      id: invitation.id,
      patch: {
        status: 'active',
        provider: input.provider,
        subject: input.subject,
        emailVerified: true,
      },
    });
    await this.deps.notifyPolicyChange();
    return user;
  }

  private async register(
    input: SignInInput,
    refuse: (message: string, action: string) => Promise<never>,
  ): Promise<ConsoleUser> {
    const { settings } = this.deps;
    const verifiedEmail =
      input.emailVerified === true && input.email ? input.email : undefined;
    // A bootstrap admin is how a new console gets its first admin: once an
    // active admin exists, the list grants nothing.
    // An entry is a verified e-mail or `<provider>:<subject>` (for providers
    // that verify no address, such as Entra ID without xms_edov).
    const entries = settings.bootstrapAdmins.map(lower);
    const bootstrapAdmin =
      ((verifiedEmail !== undefined &&
        entries.includes(lower(verifiedEmail))) ||
        entries.includes(lower(`${input.provider}:${input.subject}`))) &&
      !(await this.store.users.hasActiveAdmin());
    if (settings.registration === 'closed' && !bootstrapAdmin) {
      return refuse(
        'registration is closed: ask an admin to invite you',
        'sign-in-refused',
      );
    }
    const user = await this.store.users.createUser({
      userRef: await this.userRefFor(input),
      email: input.email,
      emailVerified: verifiedEmail !== undefined,
      displayName: input.displayName ?? input.username ?? input.subject,
      status:
        settings.registration === 'open' || bootstrapAdmin
          ? 'active'
          : 'pending',
      provider: input.provider,
      subject: input.subject,
      roles: bootstrapAdmin ? ['admin'] : settings.defaultRoles,
    });
    await this.deps.audit.note(
      {
        actor: user.userRef,
        eventId: 'user-register',
        resourceRef: user.userRef,
        details: {
          provider: input.provider,
          status: user.status,
          bootstrapAdmin,
        },
      },
      'success',
    );
    await this.deps.notifyPolicyChange();
    return user;
  }

  /**
   * The ref of a newly registered user. A plain name (`user:default/jane`)
   * is given only for a verified e-mail of a domain the operator trusts,
   * because roles, break-glass entries and catalog ownership may already be
   * prepared for it. Anyone else gets their chosen name with a suffix drawn
   * from their identity, which no one else can sign in as.
   */
  private async userRefFor(input: SignInInput): Promise<string> {
    const { trustedEmailDomains } = this.deps.settings;
    const [local, domain] = (input.email ?? '').split(/@(?=[^@]*$)/);
    const trusted =
      input.emailVerified === true &&
      !!local &&
      !!domain &&
      trustedEmailDomains.map(lower).includes(lower(domain));
    if (trusted) {
      return freeUserRef(this.store.users, entityName(local) || 'user');
    }
    const suffix = createHash('sha256')
      .update(`${input.provider}\0${input.subject}`)
      .digest('hex')
      .slice(0, 8);
    const base =
      entityName(input.username ?? local ?? '', 50) ||
      entityName(input.displayName ?? '', 50) ||
      'user';
    return freeUserRef(this.store.users, `${base}-${suffix}`);
  }

  private async openSession(
    user: ConsoleUser,
    input: SignInInput,
    request?: Request,
  ): Promise<StoredSession> {
    const existing = await this.store.sessions.findSession({
      provider: input.provider,
      sessionKey: input.sessionKey,
    });
    if (existing) {
      // login ids are random per login: a repeated one is not a new login
      throw new NotAllowedError('this login was already used: sign in again');
    }
    const now = this.deps.now?.() ?? Date.now();
    const session = await this.store.sessions.createSession({
      userRef: user.userRef,
      provider: input.provider,
      sessionKey: input.sessionKey,
      idpSession: input.idpSession,
      authTime: input.authTime,
      userAgent: input.userAgent,
      ipAddress: input.ipAddress,
    });
    await this.store.users.updateUser({
      id: user.id,
      patch: { lastSignInAt: now },
    });
    await this.deps.audit.note(
      {
        actor: user.userRef,
        eventId: 'sign-in',
        resourceRef: user.userRef,
        request,
        details: { provider: input.provider, session: session.id },
      },
      'success',
    );
    return session;
  }

  /**
   * A refresh continues the login it came from, and only while that login's
   * session stands: nothing the provider sends or omits can resume a
   * revoked one.
   */
  private async continueSession(
    user: ConsoleUser,
    input: SignInInput,
    refuse: (
      message: string,
      action: string,
      target?: string,
    ) => Promise<never>,
  ): Promise<StoredSession> {
    const session = await this.store.sessions.findSession({
      provider: input.provider,
      sessionKey: input.sessionKey,
    });
    if (!session || session.userRef !== lower(user.userRef)) {
      return refuse(
        'this session is unknown: sign in again',
        'refresh-refused',
        user.userRef,
      );
    }
    if (session.revokedAt) {
      return refuse(
        'this session was revoked: sign in again',
        'refresh-refused',
        user.userRef,
      );
    }
    await this.store.sessions.touchSession({
      id: session.id,
      at: this.deps.now?.() ?? Date.now(),
      userAgent: input.userAgent,
      ipAddress: input.ipAddress,
    });
    return session;
  }

  /**
   * Group claims name groups, never other kinds of entity: a value such as
   * `user:default/admin` or `/org/ml` becomes a group of that (sanitised)
   * name in the configured namespace. GUIDs (Entra) stay as they are.
   */
  private groupRefs(groups: string[] | undefined): string[] {
    const namespace = this.deps.settings.groupNamespace;
    const refs = new Set<string>();
    for (const group of groups ?? []) {
      const name = entityName(group, 63);
      if (name) refs.add(`group:${namespace}/${name}`);
    }
    return [...refs];
  }
}
