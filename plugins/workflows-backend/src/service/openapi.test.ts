import { mockServices } from '@backstage/backend-test-utils';
import {
  apiDocumentProblems,
  documentOperations,
  routerOperations,
} from '@ai-ops-console/console-node';
import express from 'express';
import { join } from 'node:path';
import request from 'supertest';
import { workflowsApiSpec as apiSpec } from '@ai-ops-console/backstage-plugin-workflows-common';
import { createRouter, RouterOptions } from './router';

// The OpenAPI document is generated from the schemas in workflows-common
// (src/api) that also validate the requests. Checked here: the router routes
// exactly the declared operations, serves the document, and the committed
// openapi.yaml (which the catalog reads) is the current one. The route table
// does not depend on the options' behaviour: fakes are enough.

describe('the OpenAPI document of workflows', () => {
  const document = apiSpec.document();
  let router: express.Router;

  beforeAll(async () => {
    router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: {} as RouterOptions['auditor'],
      temporal: {} as RouterOptions['temporal'],
      access: {} as RouterOptions['access'],
      executions: {} as RouterOptions['executions'],
      actions: {} as RouterOptions['actions'],
      metrics: {} as RouterOptions['metrics'],
    });
  });

  it('routes every declared operation and nothing else', () => {
    const operations = routerOperations(router);
    expect(operations).toContain('get /executions/{workflowId}');
    expect(operations).toContain('post /executions/batch');
    expect(operations).toEqual(documentOperations(document));
    expect(operations).toHaveLength(15);
  });

  it('serves the generated document at GET /openapi.json', async () => {
    const app = express().use(router);
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(document);
  });

  it('matches its router and the committed openapi.yaml', () => {
    expect(
      apiDocumentProblems({
        document,
        router,
        committedFile: join(__dirname, '..', '..', 'openapi.yaml'),
        pluginFolder: 'workflows-backend',
      }),
    ).toEqual([]);
  });

  it('says what the schemas check', () => {
    const paths = document.paths as Record<string, any>;
    const schemas = document.components.schemas as Record<string, any>;
    const list = paths['/executions'].get;
    const parameter = (name: string) =>
      list.parameters.find((p: { name: string }) => p.name === name);
    expect(parameter('pageSize')).toEqual({
      name: 'pageSize',
      in: 'query',
      required: false,
      description: expect.any(String),
      schema: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        default: 100,
      },
    });
    expect(parameter('pageToken').schema).toMatchObject({
      maxLength: 4000,
      pattern: '^[A-Za-z0-9_-]*$',
    });
    expect(parameter('status').schema).toEqual({
      type: 'string',
      maxLength: 2000,
    });
    // the fuzzer found Temporal hanging on NUL and on run ids it cannot read
    expect(schemas.QueryText).toMatchObject({
      minLength: 1,
      maxLength: 300,
      pattern: '^[^\\x00]*$',
    });
    expect(schemas.RunId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(schemas.Status.enum).toContain('Unknown');
    expect(Object.keys(list.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '503',
    ]);

    const health = paths['/health'].get.responses;
    expect(Object.keys(health)).toEqual(['200', '401', '503']);
    for (const status of ['200', '503']) {
      expect(health[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/Health',
      });
    }
    expect(paths['/metrics'].get.responses['200'].content).toEqual({
      'text/plain': { schema: { type: 'string' } },
    });

    const terminate = paths['/executions/{workflowId}/terminate'].post;
    expect(terminate.requestBody.required).toBe(true);
    expect(
      terminate.requestBody.content['application/json'].schema,
    ).toMatchObject({
      required: ['reason'],
      additionalProperties: false,
    });
    expect(schemas.Reason).toMatchObject({ minLength: 1, maxLength: 2000 });
    expect(Object.keys(terminate.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '503',
    ]);
  });
});
