import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AuditList,
  ConsoleSession,
  ConsoleUser,
  ConsoleUserList,
  Role,
  UserAdminHealth,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  AuditQuery,
  PermissionList,
  PolicyTestAnswer,
  PolicyTestRequest,
  SessionList,
  SessionListQuery,
  UserAdminApi,
  UserAdminMe,
  UserListQuery,
} from './UserAdminApi';

type QueryValue = string | number | boolean | undefined;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with this content type. */
  text?: { body: string; contentType: string };
  /** How to read a successful answer; JSON unless said otherwise. */
  read?: 'json' | 'text' | 'none';
  /** Statuses besides 2xx whose body is an answer, not an error. */
  okStatuses?: number[];
};

const segment = (value: string) => encodeURIComponent(value);

/** Talks to the User Admin backend through the app's fetch and discovery APIs. */
export class UserAdminClient implements UserAdminApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(): Promise<UserAdminHealth> {
    // 503 carries a health body that says what is down: it is an answer, not an error
    return this.request<UserAdminHealth>('/health', { okStatuses: [503] });
  }

  // -- me -------------------------------------------------------------------

  getMe(): Promise<UserAdminMe> {
    return this.request('/me');
  }

  listMySessions(
    query: Omit<SessionListQuery, 'userRef'> = {},
  ): Promise<SessionList> {
    return this.request('/me/sessions', {
      query: {
        activeOnly: query.activeOnly ? 'true' : undefined,
        limit: query.limit,
        offset: query.offset,
      },
    });
  }

  revokeMySessions(options: { reason?: string } = {}) {
    return this.request<{ revoked: number }>('/me/sessions/revoke-all', {
      method: 'POST',
      json: withReason(options.reason),
    });
  }

  // -- users ----------------------------------------------------------------

  listUsers(query: UserListQuery = {}): Promise<ConsoleUserList> {
    return this.request('/users', {
      query: {
        search: query.search,
        role: query.role,
        status: query.status,
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        offset: query.offset,
      },
    });
  }

  inviteUser(options: {
    email: string;
    displayName?: string;
    username?: string;
    roles?: string[];
  }): Promise<ConsoleUser> {
    return this.request('/users/invite', { method: 'POST', json: options });
  }

  getUser(options: { id: string }): Promise<ConsoleUser> {
    return this.request(`/users/${segment(options.id)}`);
  }

  updateUser(options: {
    id: string;
    patch: { displayName?: string; email?: string; roles?: string[] };
  }): Promise<ConsoleUser> {
    return this.request(`/users/${segment(options.id)}`, {
      method: 'PATCH',
      json: options.patch,
    });
  }

  setUserStatus(options: {
    id: string;
    action: 'approve' | 'disable' | 'enable';
    reason?: string;
  }): Promise<ConsoleUser> {
    return this.request(`/users/${segment(options.id)}/${options.action}`, {
      method: 'POST',
      json: withReason(options.reason),
    });
  }

  async deleteUser(options: { id: string }): Promise<void> {
    await this.request(`/users/${segment(options.id)}`, {
      method: 'DELETE',
      read: 'none',
    });
  }

  revokeUserSessions(options: { id: string; reason?: string }) {
    return this.request<{ revoked: number }>(
      `/users/${segment(options.id)}/sessions/revoke-all`,
      { method: 'POST', json: withReason(options.reason) },
    );
  }

  // -- sessions -------------------------------------------------------------

  listSessions(query: SessionListQuery = {}): Promise<SessionList> {
    return this.request('/sessions', {
      query: {
        userRef: query.userRef,
        activeOnly: query.activeOnly ? 'true' : undefined,
        limit: query.limit,
        offset: query.offset,
      },
    });
  }

  revokeSession(options: {
    id: string;
    reason?: string;
  }): Promise<ConsoleSession> {
    return this.request(`/sessions/${segment(options.id)}/revoke`, {
      method: 'POST',
      json: withReason(options.reason),
    });
  }

  // -- roles ----------------------------------------------------------------

  async listRoles(): Promise<Role[]> {
    const { items } = await this.request<{ items: Role[] }>('/roles');
    return items;
  }

  getRole(options: { name: string }): Promise<Role> {
    return this.request(`/roles/${segment(options.name)}`);
  }

  createRole(role: Omit<Role, 'builtIn'>): Promise<Role> {
    return this.request('/roles', { method: 'POST', json: role });
  }

  updateRole(options: {
    name: string;
    patch: Partial<Pick<Role, 'title' | 'description' | 'grants'>>;
  }): Promise<Role> {
    return this.request(`/roles/${segment(options.name)}`, {
      method: 'PUT',
      json: options.patch,
    });
  }

  async deleteRole(options: { name: string }): Promise<void> {
    await this.request(`/roles/${segment(options.name)}`, {
      method: 'DELETE',
      read: 'none',
    });
  }

  setRoleMembers(options: { name: string; members: string[] }): Promise<Role> {
    return this.request(`/roles/${segment(options.name)}/members`, {
      method: 'PUT',
      json: { members: options.members },
    });
  }

  exportRoles(): Promise<string> {
    return this.request('/roles/export', { read: 'text' });
  }

  importRoles(options: { yaml: string }): Promise<{ imported: number }> {
    return this.request('/roles/import', {
      method: 'POST',
      text: { body: options.yaml, contentType: 'text/yaml' },
    });
  }

  // -- permissions, policy tester, audit ------------------------------------

  listPermissions(): Promise<PermissionList> {
    return this.request('/permissions');
  }

  testPolicy(request: PolicyTestRequest): Promise<PolicyTestAnswer> {
    return this.request('/policy/test', { method: 'POST', json: request });
  }

  listAudit(query: AuditQuery = {}): Promise<AuditList> {
    return this.request('/audit', {
      query: {
        actor: query.actor,
        action: query.action,
        target: query.target,
        from: query.from,
        to: query.to,
        limit: query.limit,
        cursor: query.cursor,
      },
    });
  }

  /** The one place that builds URLs, sends bodies and turns failures into ResponseErrors. */
  private async request<T>(
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('user-admin');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.text) {
      headers['content-type'] = options.text.contentType;
      body = options.text.body;
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        method: options.method ?? 'GET',
        ...(body !== undefined ? { headers, body } : {}),
      },
    );
    if (!response.ok && !options.okStatuses?.includes(response.status)) {
      throw await toResponseError(response);
    }
    switch (options.read ?? 'json') {
      case 'none':
        return undefined as T;
      case 'text':
        return (await response.text()) as T;
      default:
        return (await response.json()) as T;
    }
  }
}

function withReason(reason?: string) {
  return reason ? { reason } : {};
}

/**
 * A ResponseError whose cause carries the server's message. The backend
 * answers `{ error: { name, message } }`; the `response` part that
 * ResponseError looks for is added when it is missing, so that the message
 * (e.g. why a token was refused) is not lost.
 */
async function toResponseError(response: Response): Promise<ResponseError> {
  const text = await response.text().catch(() => '');
  let repaired: string | undefined;
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && parsed.error) {
      repaired = JSON.stringify({
        ...parsed,
        response: parsed.response ?? { statusCode: response.status },
      });
    }
  } catch {
    // not JSON: ResponseError keeps the text in its message
  }
  return ResponseError.fromResponse(
    new Response(repaired ?? text, {
      status: response.status,
      statusText: response.statusText,
      headers: repaired
        ? { 'content-type': 'application/json' }
        : response.headers,
    }),
  );
}
