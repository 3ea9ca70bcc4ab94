import { mockServices } from '@backstage/backend-test-utils';
import {
  apiDocumentProblems,
  documentOperations,
  routerOperations,
} from '@ai-ops-console/console-node';
import { userAdminApiSpec as apiSpec } from '@ai-ops-console/backstage-plugin-user-admin-common';
import express from 'express';
import { join } from 'node:path';
import request from 'supertest';
import { createRouter, RouterOptions } from './router';

// The OpenAPI document is generated from the schemas that validate the
// requests (the contract in user-admin-common). Here: the router routes
// exactly the declared operations, serves the document, and the committed
// openapi.yaml is the document generated from the current schemas. The route table does not
// depend on the options' behaviour: fakes are enough.

type Json = Record<string, any>;

describe('the OpenAPI document of user-admin', () => {
  let router: express.Router;
  const document = apiSpec.document() as Json;

  beforeAll(async () => {
    router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      database: {} as RouterOptions['database'],
      users: {} as RouterOptions['users'],
      sessions: {} as RouterOptions['sessions'],
      roles: {} as RouterOptions['roles'],
      policy: {} as RouterOptions['policy'],
      auditReader: {} as RouterOptions['auditReader'],
      signIn: {} as RouterOptions['signIn'],
      tester: {} as RouterOptions['tester'],
      gate: {} as RouterOptions['gate'],
      retryAfterSeconds: 5,
    });
  });

  it('routes every declared operation, and nothing else', () => {
    const operations = routerOperations(router);
    expect(operations).toEqual(documentOperations(document));
    expect(operations).toContain('get /users/{id}');
    expect(operations).toContain('post /internal/sign-in');
    // 33 operations, the document itself included
    expect(operations).toHaveLength(33);
  });

  it('serves exactly the generated document at GET /openapi.json', async () => {
    const res = await request(express().use(router)).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(document);
  });

  it('matches its router and the committed openapi.yaml', () => {
    expect(
      apiDocumentProblems({
        document,
        router,
        committedFile: join(__dirname, '..', '..', 'openapi.yaml'),
        pluginFolder: 'user-admin-backend',
      }),
    ).toEqual([]);
  });

  it('says what the schemas check', () => {
    const schemas = document.components.schemas;
    // the entity-ref, role-name and email rules, as validated
    expect(schemas.EntityRef).toMatchObject({
      type: 'string',
      minLength: 3,
      maxLength: 255,
    });
    expect(new RegExp(schemas.EntityRef.pattern).test('User:default/a')).toBe(
      true,
    );
    expect(new RegExp(schemas.EntityRef.pattern).test('team:default/a')).toBe(
      false,
    );
    expect(schemas.RoleName).toMatchObject({
      minLength: 1,
      maxLength: 100,
      pattern: '^[a-z0-9][a-z0-9._-]*$',
    });
    expect(schemas.EmailAddress.maxLength).toBe(254);
    expect(schemas.RoleGrant.oneOf).toEqual([
      { $ref: '#/components/schemas/AllowGrant' },
      { $ref: '#/components/schemas/ConditionalGrant' },
    ]);
    expect(Object.values(schemas.RoleGrant.discriminator.mapping)).toEqual([
      '#/components/schemas/AllowGrant',
      '#/components/schemas/ConditionalGrant',
    ]);

    // paging bounds and defaults of query parameters, as integers
    const listUsers = document.paths['/users'].get;
    const limit = listUsers.parameters.find((p: Json) => p.name === 'limit');
    expect(limit).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    });

    // a required body, an optional one, a path parameter described
    expect(document.paths['/roles'].post.requestBody.required).toBe(true);
    expect(
      document.paths['/users/{id}/approve'].post.requestBody.required,
    ).toBe(false);
    expect(document.paths['/users/{id}'].get.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        description: "The user's id (not the entity ref)",
        schema: { type: 'string' },
      },
    ]);

    // a route answering 204 declares no body
    expect(document.paths['/users/{id}'].delete.responses['204']).toEqual({
      description: 'Deleted',
    });

    // internal routes are documented, tagged internal, and say who may call
    const signIn = document.paths['/internal/sign-in'].post;
    expect(signIn.tags).toEqual(['internal']);
    expect(signIn.description).toMatch(/plugin:auth/);
    expect(Object.keys(signIn.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403']),
    );
  });
});
