import {
  fakeApiOf,
  fakePermissions,
} from '@ai-ops-console/console-react/testUtils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  BUILT_IN_ROLES,
  ConsoleSession,
  ConsoleUser,
  Role,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import { UserAdminApi, userAdminApiRef } from '../api';

export {
  fakePermissions,
  permissionsAnswered,
  responseError,
  undecidedPermissions,
} from '@ai-ops-console/console-react/testUtils';

export function user(
  overrides: Partial<ConsoleUser> & { id: string },
): ConsoleUser {
  const name = overrides.id;
  return {
    userRef: `user:default/${name}`,
    email: `${name}@console.example`,
    emailVerified: true,
    displayName: name[0].toLocaleUpperCase('en-US') + name.slice(1),
    status: 'active',
    roles: [],
    provider: 'oidc',
    createdAt: '2026-01-10T10:00:00.000Z',
    updatedAt: '2026-01-10T10:00:00.000Z',
    lastSignInAt: '2026-01-11T09:30:00.000Z',
    ...overrides,
  };
}

export function session(
  overrides: Partial<ConsoleSession> & { id: string },
): ConsoleSession {
  return {
    userRef: 'user:default/ada',
    provider: 'oidc',
    createdAt: '2026-01-10T10:00:00.000Z',
    lastSeenAt: '2026-01-10T11:00:00.000Z',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140',
    ipAddress: '10.0.0.7',
    ...overrides,
  };
}

export const ROLES: Role[] = BUILT_IN_ROLES.map(role => ({
  ...role,
  members: role.name === 'admin' ? ['user:default/ada'] : [],
}));

const METHODS: Array<keyof UserAdminApi> = [
  'getHealth',
  'getMe',
  'listMySessions',
  'revokeMySessions',
  'listUsers',
  'inviteUser',
  'getUser',
  'updateUser',
  'setUserStatus',
  'deleteUser',
  'revokeUserSessions',
  'listSessions',
  'revokeSession',
  'listRoles',
  'getRole',
  'createRole',
  'updateRole',
  'deleteRole',
  'setRoleMembers',
  'exportRoles',
  'importRoles',
  'listPermissions',
  'testPolicy',
  'listAudit',
];

/**
 * A UserAdminApi whose every method is a jest mock; unset ones reject, except
 * `getMe` (ada, an admin) and `listRoles` (the built-in roles).
 */
export function fakeApi(
  impl: Partial<UserAdminApi> = {},
): jest.Mocked<UserAdminApi> {
  return fakeApiOf<UserAdminApi>(METHODS, impl, {
    getMe: async () => ({
      userRef: 'user:default/ada',
      user: user({ id: 'ada', roles: ['admin'] }),
      registration: 'open' as const,
    }),
    listRoles: async () => ROLES,
  });
}

/** A viewer: the read permissions (users, roles, sessions, audit) only. */
export const viewerOnly = (name: string) => name.endsWith('.read');

/** The API pairs every page needs; the permission API allows everything. */
export function testApis(
  api: UserAdminApi,
  permissions: PermissionApi = fakePermissions(),
) {
  return [
    [userAdminApiRef, api],
    [permissionApiRef, permissions],
  ] as const;
}
