import { mockServices } from '@backstage/backend-test-utils';
import {
  documentOperations,
  OpenApiDocument,
  pathParameterProblems,
  routerOperations,
  unresolvedRefs,
} from '@internal/console-node';
import express from 'express';
import request from 'supertest';
import { createRouter, RouterOptions } from './router';

// The served OpenAPI document against the route table of the real router:
// every route is documented, and every documented operation exists. The
// route table does not depend on the options' behaviour: fakes are enough.

describe('the OpenAPI document of ai-metrics', () => {
  let operations: string[];
  let document: OpenApiDocument;

  beforeAll(async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      database: {} as RouterOptions['database'],
      access: {} as RouterOptions['access'],
      auditor: {} as RouterOptions['auditor'],
      ingest: {} as RouterOptions['ingest'],
      aggregates: {} as RouterOptions['aggregates'],
      admin: {} as RouterOptions['admin'],
      metrics: {} as RouterOptions['metrics'],
      maxBodySize: '1mb',
      retryAfterSeconds: 1,
    });
    operations = routerOperations(router);
    const app = express().use(router);
    const res = await request(app).get('/openapi.json');
    // expect is for tests, not for beforeAll
    if (res.status !== 200) {
      throw new Error(`GET /openapi.json answered ${res.status}`);
    }
    document = res.body;
  });

  it('reads the route table of the router', () => {
    expect(operations).toContain('post /events');
    expect(operations).toContain('post /admin/retention/run');
  });

  it('documents every route of the router', () => {
    const documented = documentOperations(document);
    expect(operations.filter(op => !documented.includes(op))).toEqual([]);
  });

  it('documents no route that the router lacks', () => {
    expect(
      documentOperations(document).filter(op => !operations.includes(op)),
    ).toEqual([]);
  });

  it('is OpenAPI 3, its $refs resolve inside it, path parameters match', () => {
    expect(String(document.openapi)).toMatch(/^3\./);
    expect(unresolvedRefs(document)).toEqual([]);
    expect(pathParameterProblems(document)).toEqual([]);
  });
});
