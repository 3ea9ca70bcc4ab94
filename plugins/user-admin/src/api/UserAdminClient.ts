import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  userAdminApiSpec,
  UserAdminApiSpec,
} from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  ApiClient,
  createApiClient,
  operationPath,
} from '@ai-ops-console/console-common';
import { UserAdminApi } from './UserAdminApi';

type Operations = UserAdminApiSpec['operations'];

const STATUS_OPERATIONS = {
  approve: 'approveUser',
  disable: 'disableUser',
  enable: 'enableUser',
} as const;

/** A sessions query as declared: `activeOnly` as text, sent only when true. */
const sessionQuery = <Q extends { activeOnly?: boolean }>({
  activeOnly,
  ...query
}: Q) => ({ ...query, activeOnly: activeOnly ? ('true' as const) : undefined });

/** The reason only when one is given: an empty one is not recorded. */
const withReason = (reason?: string) => (reason ? { reason } : {});

/**
 * Talks to the user-admin backend through the client derived from its
 * contract, with the app's fetch (the user's token) and discovery APIs.
 */
export class UserAdminClient implements UserAdminApi {
  private readonly client: ApiClient<Operations>;
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = {
      fetch: async (input, init) =>
        keepServerMessage(await options.fetchApi.fetch(input, init)),
    };
    this.client = createApiClient(userAdminApiSpec, {
      discoveryApi: this.discoveryApi,
      fetchApi: this.fetchApi,
    });
  }

  // a 503 carries a health body that says what is down: the contract
  // declares it, so it is an answer, not an error
  getHealth: UserAdminApi['getHealth'] = () => this.client.getHealth();

  // -- me -------------------------------------------------------------------

  getMe: UserAdminApi['getMe'] = () => this.client.getMe();

  listMySessions: UserAdminApi['listMySessions'] = (query = {}) =>
    this.client.listMySessions({ query: sessionQuery(query) });

  revokeMySessions: UserAdminApi['revokeMySessions'] = (options = {}) =>
    this.client.revokeAllMySessions({ body: withReason(options.reason) });

  // -- users ----------------------------------------------------------------

  listUsers: UserAdminApi['listUsers'] = query =>
    this.client.listUsers({ query });

  inviteUser: UserAdminApi['inviteUser'] = body =>
    this.client.inviteUser({ body });

  getUser: UserAdminApi['getUser'] = params => this.client.getUser({ params });

  updateUser: UserAdminApi['updateUser'] = ({ patch, ...params }) =>
    this.client.updateUser({ params, body: patch });

  setUserStatus: UserAdminApi['setUserStatus'] = ({ action, reason, id }) =>
    this.client[STATUS_OPERATIONS[action]]({
      params: { id },
      body: withReason(reason),
    });

  deleteUser: UserAdminApi['deleteUser'] = params =>
    this.client.deleteUser({ params });

  revokeUserSessions: UserAdminApi['revokeUserSessions'] = ({ reason, id }) =>
    this.client.revokeAllUserSessions({
      params: { id },
      body: withReason(reason),
    });

  // -- sessions -------------------------------------------------------------

  listSessions: UserAdminApi['listSessions'] = (query = {}) =>
    this.client.listSessions({ query: sessionQuery(query) });

  revokeSession: UserAdminApi['revokeSession'] = ({ reason, id }) =>
    this.client.revokeSession({ params: { id }, body: withReason(reason) });

  // -- roles ----------------------------------------------------------------

  listRoles: UserAdminApi['listRoles'] = async () =>
    (await this.client.listRoles()).items;

  getRole: UserAdminApi['getRole'] = params => this.client.getRole({ params });

  createRole: UserAdminApi['createRole'] = body =>
    this.client.createRole({ body });

  updateRole: UserAdminApi['updateRole'] = ({ patch, ...params }) =>
    this.client.updateRole({ params, body: patch });

  deleteRole: UserAdminApi['deleteRole'] = params =>
    this.client.deleteRole({ params });

  setRoleMembers: UserAdminApi['setRoleMembers'] = ({ name, members }) =>
    this.client.setRoleMembers({ params: { name }, body: { members } });

  // the contract declares the YAML's structure; the client reads it as text
  exportRoles: UserAdminApi['exportRoles'] = () => this.client.exportRoles();

  /**
   * The derived client sends JSON; a roles document goes as the YAML it
   * is, which the route reads too, so that the server's parser (the one
   * place that parses it) says what is wrong with it.
   */
  importRoles: UserAdminApi['importRoles'] = async ({ yaml }) => {
    const operation = userAdminApiSpec.operations.importRoles;
    const baseUrl = await this.discoveryApi.getBaseUrl(
      userAdminApiSpec.pluginId,
    );
    const response = await this.fetchApi.fetch(
      `${baseUrl}${operationPath(operation)}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/yaml' },
        body: yaml,
      },
    );
    if (!(response.status in operation.responses)) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  };

  // -- permissions, policy tester, audit ------------------------------------

  listPermissions: UserAdminApi['listPermissions'] = () =>
    this.client.listPermissions();

  testPolicy: UserAdminApi['testPolicy'] = body =>
    this.client.testPolicy({ body });

  listAudit: UserAdminApi['listAudit'] = query =>
    this.client.listAudit({ query });
}

/**
 * An error answer whose server message survives ResponseError: the backend
 * answers `{ error: { name, message } }`, and ResponseError reads it only
 * with a `response` part, which some answers (e.g. a refused token's 401,
 * whose message says to sign in again) lack. It is added when missing.
 */
async function keepServerMessage(response: Response): Promise<Response> {
  if (response.ok) return response;
  const text = await response
    .clone()
    .text()
    .catch(() => '');
  let body: { error?: unknown; response?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    return response; // not JSON: ResponseError keeps the text in its message
  }
  if (!body || typeof body !== 'object' || !body.error || body.response) {
    return response;
  }
  return new Response(
    JSON.stringify({ ...body, response: { statusCode: response.status } }),
    {
      status: response.status,
      statusText: response.statusText,
      headers: { 'content-type': 'application/json' },
    },
  );
}
