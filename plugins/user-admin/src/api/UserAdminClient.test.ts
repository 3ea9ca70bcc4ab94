import { ResponseError } from '@backstage/errors';
import { UserAdminClient } from './UserAdminClient';

const BASE = 'http://backstage.test/api/user-admin';

type Call = { url: string; init: RequestInit };

function setup(
  answer: (call: Call) => Response = () =>
    new Response('{}', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
) {
  const calls: Call[] = [];
  const client = new UserAdminClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: {
      fetch: (async (input: RequestInfo | URL, init: RequestInit = {}) => {
        const call = { url: String(input), init };
        calls.push(call);
        return answer(call);
      }) as typeof fetch,
    },
  });
  return { client, calls };
}

const contentType = (call: Call) =>
  new Headers(call.init.headers).get('content-type');

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('UserAdminClient', () => {
  it('lists users with only the options given, as a query string', async () => {
    const { client, calls } = setup(() => json({ items: [], total: 0 }));
    await client.listUsers({
      search: 'ada lovelace',
      status: 'active',
      sort: 'lastSignInAt',
      order: 'desc',
      limit: 25,
      offset: 50,
    });
    const url = new URL(calls[0].url);
    expect(`${url.origin}${url.pathname}`).toBe(`${BASE}/users`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search: 'ada lovelace',
      status: 'active',
      sort: 'lastSignInAt',
      order: 'desc',
      limit: '25',
      offset: '50',
    });
    expect(calls[0].init.method).toBe('GET');
    await client.listUsers();
    expect(calls[1].url).toBe(`${BASE}/users`);
  });

  it('sends JSON bodies and encodes ids', async () => {
    const { client, calls } = setup(() => json({}));
    await client.setUserStatus({
      id: 'a/b',
      action: 'disable',
      reason: 'left',
    });
    expect(calls[0].url).toBe(`${BASE}/users/a%2Fb/disable`);
    expect(calls[0].init.method).toBe('POST');
    expect(contentType(calls[0])).toBe('application/json');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ reason: 'left' });

    await client.setUserStatus({ id: 'u1', action: 'approve' });
    expect(JSON.parse(String(calls[1].init.body))).toEqual({});

    await client.updateUser({ id: 'u1', patch: { roles: ['viewer'] } });
    expect(calls[2]).toMatchObject({
      url: `${BASE}/users/u1`,
      init: { method: 'PATCH', body: '{"roles":["viewer"]}' },
    });

    await client.setRoleMembers({
      name: 'ml-reviewer',
      members: ['group:default/ml'],
    });
    expect(calls[3]).toMatchObject({
      url: `${BASE}/roles/ml-reviewer/members`,
      init: { method: 'PUT', body: '{"members":["group:default/ml"]}' },
    });

    await client.testPolicy({ userRef: 'user:default/ada' });
    expect(calls[4]).toMatchObject({
      url: `${BASE}/policy/test`,
      init: { method: 'POST', body: '{"userRef":"user:default/ada"}' },
    });
  });

  it('asks for sessions with activeOnly as text', async () => {
    const { client, calls } = setup(() => json({ items: [], total: 0 }));
    await client.listSessions({
      userRef: 'user:default/ada',
      activeOnly: true,
      limit: 10,
    });
    await client.listMySessions({ activeOnly: false, offset: 10 });
    expect(`${new URL(calls[0].url).pathname}`).toBe(
      '/api/user-admin/sessions',
    );
    expect(Object.fromEntries(new URL(calls[0].url).searchParams)).toEqual({
      userRef: 'user:default/ada',
      activeOnly: 'true',
      limit: '10',
    });
    expect(calls[1].url).toBe(`${BASE}/me/sessions?offset=10`);
  });

  it('pages the audit log with the cursor and ISO times', async () => {
    const { client, calls } = setup(() => json({ items: [] }));
    await client.listAudit({
      action: 'user-disable',
      from: '2026-01-01T00:00:00.000Z',
      limit: 50,
      cursor: '120',
    });
    expect(Object.fromEntries(new URL(calls[0].url).searchParams)).toEqual({
      action: 'user-disable',
      from: '2026-01-01T00:00:00.000Z',
      limit: '50',
      cursor: '120',
    });
  });

  it('unwraps the role list', async () => {
    const { client } = setup(() => json({ items: [{ name: 'admin' }] }));
    expect(await client.listRoles()).toEqual([{ name: 'admin' }]);
  });

  it('imports YAML as text/yaml and exports it as text', async () => {
    const yaml = 'apiVersion: ai-ops-console/v1\nkind: Roles\nroles: []\n';
    const { client, calls } = setup(call =>
      call.url.endsWith('/export')
        ? new Response(yaml, { headers: { 'content-type': 'text/yaml' } })
        : json({ imported: 0 }),
    );
    expect(await client.importRoles({ yaml })).toEqual({ imported: 0 });
    expect(calls[0]).toMatchObject({
      url: `${BASE}/roles/import`,
      init: { method: 'POST', body: yaml },
    });
    expect(contentType(calls[0])).toBe('text/yaml');
    expect(await client.exportRoles()).toBe(yaml);
    expect(calls[1].url).toBe(`${BASE}/roles/export`);
  });

  it('resolves nothing for a 204 delete', async () => {
    const { client, calls } = setup(() => new Response(null, { status: 204 }));
    await expect(client.deleteUser({ id: 'u1' })).resolves.toBeUndefined();
    await expect(client.deleteRole({ name: 'r' })).resolves.toBeUndefined();
    expect(calls.map(c => [c.init.method, c.url])).toEqual([
      ['DELETE', `${BASE}/users/u1`],
      ['DELETE', `${BASE}/roles/r`],
    ]);
  });

  it('throws a ResponseError carrying the server message', async () => {
    const { client } = setup(() =>
      json(
        {
          error: { name: 'InputError', message: 'invalid roles document' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client.importRoles({ yaml: 'x' }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('invalid roles document');
  });

  it.each([
    ['getMe', (client: UserAdminClient) => client.getMe()],
    [
      'importRoles',
      (client: UserAdminClient) => client.importRoles({ yaml: 'roles: []' }),
    ],
  ])(
    'keeps the reason of a 401 even without the response part (%s)',
    async (_, call) => {
      const { client } = setup(() =>
        json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'this session was revoked: sign in again',
            },
          },
          401,
        ),
      );
      const error = await call(client).catch(e => e);
      expect(ResponseError.is(error)).toBe(true);
      expect(error.statusCode).toBe(401);
      expect(error.cause.message).toBe(
        'this session was revoked: sign in again',
      );
    },
  );

  it('reads a 503 health answer as an answer', async () => {
    const health = {
      status: 'unavailable',
      database: { reachable: false, client: 'pg' },
    };
    const { client } = setup(() => json(health, 503));
    await expect(client.getHealth()).resolves.toEqual(health);
  });

  it.each(['approve', 'disable', 'enable'] as const)(
    'sends %s to its own declared route',
    async action => {
      const { client, calls } = setup(() => json({}));
      await client.setUserStatus({ id: 'u1', action });
      expect(calls[0]).toMatchObject({
        url: `${BASE}/users/u1/${action}`,
        init: { method: 'POST' },
      });
    },
  );

  it('sends nothing when an id is missing, instead of asking another route', async () => {
    const { client, calls } = setup();
    await expect(client.getUser({ id: '' })).rejects.toThrow(
      'getUser needs the path parameter id',
    );
    expect(calls).toEqual([]);
  });

  it('refuses an answer whose status the contract does not declare', async () => {
    const { client } = setup(() => json({ name: 'r' }, 200));
    const error = await client
      .createRole({
        name: 'r',
        title: 'R',
        description: '',
        grants: [],
        members: [],
      })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(200);
  });
});

describe('types derived from the contract (checked by tsc)', () => {
  it('refuses calls the contract does not allow', () => {
    const { client } = setup();
    const calls = [
      // @ts-expect-error a sort field the server does not know
      () => client.listUsers({ sort: 'age' }),
      // @ts-expect-error a status the server does not know
      () => client.listUsers({ status: 'deleted' }),
      // @ts-expect-error roles are a list of names
      () => client.inviteUser({ email: 'ada@example.com', roles: 'admin' }),
      // @ts-expect-error an unknown property of a patch
      () => client.updateUser({ id: 'u1', patch: { nickname: 'Ada' } }),
    ];
    expect(calls).toHaveLength(4);
  });
});
