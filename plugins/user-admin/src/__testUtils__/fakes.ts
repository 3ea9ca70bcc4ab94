import { ResponseError } from '@backstage/errors';
import { act, waitFor } from '@testing-library/react';
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
  const api: Record<string, jest.Mock> = {};
  for (const name of METHODS) {
    const given = impl[name] as ((...args: any[]) => any) | undefined;
    api[name] = given
      ? jest.fn(given)
      : jest.fn(async () => {
          throw new Error(`${name} was not expected in this test`);
        });
  }
  if (!impl.getMe) {
    api.getMe = jest.fn(async () => ({
      userRef: 'user:default/ada',
      user: user({ id: 'ada', roles: ['admin'] }),
      registration: 'open' as const,
    }));
  }
  if (!impl.listRoles) api.listRoles = jest.fn(async () => ROLES);
  return api as unknown as jest.Mocked<UserAdminApi>;
}

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/**
 * A permission API deciding by permission name; it allows everything unless
 * told otherwise, and keeps the names it was asked about. The permission
 * hook caches its answers for the whole test file: a test that denies what
 * another allows belongs in a file of its own.
 */
export function fakePermissions(
  allow: (name: string) => boolean = () => true,
): PermissionApi & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async authorize(request) {
      asked.push(request.permission.name);
      const result = allow(request.permission.name) ? 'ALLOW' : 'DENY';
      return { result } as Decision;
    },
  };
}

/**
 * Waits until the page asked about these permissions and the answers
 * reached its components, so that a control missing afterwards is missing
 * because it was denied, not because the answer is still on its way.
 */
export async function permissionsAnswered(
  permissions: { asked: string[] },
  names: string[],
) {
  await waitFor(() =>
    expect(permissions.asked).toEqual(expect.arrayContaining(names)),
  );
  // the answers reach the components in a later task (not a delay)
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
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

/** An error as the client throws it for a status and message. */
export async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: String(status),
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
