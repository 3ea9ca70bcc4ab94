import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Role,
  UserAdminApiSpec,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import type { ApiRequest, ApiResponse } from '@ai-ops-console/console-common';

// The frontend's surface of the user-admin API: what components and test
// fakes use. Every request and answer type comes from the contract in
// user-admin-common, so that the frontend cannot drift from what the
// backend validates.

type Operations = UserAdminApiSpec['operations'];

type Request<K extends keyof Operations> = ApiRequest<Operations[K]>;

/** The path parameters of an operation, e.g. `{ id }`. */
type Params<K extends keyof Operations> = Request<K>['params'];

/** What an operation's query takes, as the server accepts it. */
type Query<K extends keyof Operations> = NonNullable<Request<K>['query']>;

/** What an operation's JSON body takes, as the server accepts it. */
type Body<K extends keyof Operations> = NonNullable<Request<K>['body']>;

/** What an operation answers. */
type Answer<K extends keyof Operations> = ApiResponse<Operations[K]>;

/** Filter, sort and page of `GET /users`. @public */
export type UserListQuery = Query<'listUsers'>;

/** Columns the user list sorts by. @public */
export type UserSortField = NonNullable<UserListQuery['sort']>;

/** Filter and page of `GET /sessions` and `GET /me/sessions`. @public */
export type SessionListQuery = Omit<Query<'listSessions'>, 'activeOnly'> & {
  /** Only sessions that are not revoked. */
  activeOnly?: boolean;
};

/** @public */
export type SessionList = Answer<'listSessions'>;

/** Filter and page of `GET /audit`; `from` and `to` are ISO 8601 instants. @public */
export type AuditQuery = Query<'listAudit'>;

/** Who the caller is, as the backend sees them. @public */
export type UserAdminMe = Answer<'getMe'>;

/** @public */
export type PermissionList = Answer<'listPermissions'>;

/** A permission as plugins register it (what `GET /permissions` lists). @public */
export type PermissionInfo = PermissionList['items'][number];

/**
 * A role as created: every field but the built-in flag, none left to the
 * server's defaults (what `POST /roles` takes once they are applied).
 * @public
 */
export type NewRole = Omit<Role, 'builtIn'>;

/** @public */
export type PolicyTestRequest = Body<'testPolicy'>;

/** A role that is tried out without being stored. @public */
export type DraftRole = NonNullable<PolicyTestRequest['draftRole']>;

/** @public */
export type PolicyTestAnswer = Answer<'testPolicy'>;

/** What the user-admin frontend asks of its backend. @public */
export interface UserAdminApi {
  /** Whether the backend reaches its database; resolves for 200 and 503 alike. */
  getHealth(): Promise<Answer<'getHealth'>>;

  /** The caller's user ref, console user and the registration mode. */
  getMe(): Promise<UserAdminMe>;
  listMySessions(
    query?: Omit<SessionListQuery, 'userRef'>,
  ): Promise<SessionList>;
  /** "Log out everywhere" for the caller. */
  revokeMySessions(
    options?: Body<'revokeAllMySessions'>,
  ): Promise<Answer<'revokeAllMySessions'>>;

  listUsers(query?: UserListQuery): Promise<Answer<'listUsers'>>;
  inviteUser(options: Body<'inviteUser'>): Promise<Answer<'inviteUser'>>;
  getUser(options: Params<'getUser'>): Promise<Answer<'getUser'>>;
  updateUser(
    options: Params<'updateUser'> & { patch: Body<'updateUser'> },
  ): Promise<Answer<'updateUser'>>;
  setUserStatus(
    options: Params<'approveUser'> &
      Body<'approveUser'> & { action: 'approve' | 'disable' | 'enable' },
  ): Promise<Answer<'approveUser'>>;
  deleteUser(options: Params<'deleteUser'>): Promise<void>;
  revokeUserSessions(
    options: Params<'revokeAllUserSessions'> & Body<'revokeAllUserSessions'>,
  ): Promise<Answer<'revokeAllUserSessions'>>;

  listSessions(query?: SessionListQuery): Promise<SessionList>;
  revokeSession(
    options: Params<'revokeSession'> & Body<'revokeSession'>,
  ): Promise<Answer<'revokeSession'>>;

  listRoles(): Promise<Answer<'listRoles'>['items']>;
  getRole(options: Params<'getRole'>): Promise<Answer<'getRole'>>;
  createRole(role: NewRole): Promise<Answer<'createRole'>>;
  updateRole(
    options: Params<'updateRole'> & { patch: Body<'updateRole'> },
  ): Promise<Answer<'updateRole'>>;
  deleteRole(options: Params<'deleteRole'>): Promise<void>;
  setRoleMembers(
    options: Params<'setRoleMembers'> & Body<'setRoleMembers'>,
  ): Promise<Answer<'setRoleMembers'>>;
  /** Every role as a YAML document. */
  exportRoles(): Promise<string>;
  /** Replaces the custom roles with those of a YAML document. */
  importRoles(options: { yaml: string }): Promise<Answer<'importRoles'>>;

  listPermissions(): Promise<PermissionList>;
  testPolicy(request: PolicyTestRequest): Promise<PolicyTestAnswer>;

  listAudit(query?: AuditQuery): Promise<Answer<'listAudit'>>;
}

/** @public */
export const userAdminApiRef = createApiRef<UserAdminApi>().with({
  id: 'plugin.user-admin.api',
  pluginId: 'user-admin',
});
