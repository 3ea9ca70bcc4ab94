import { mockServices } from '@backstage/backend-test-utils';
import {
  aiMetricEventBatchSchema,
  aiMetricsApiSpec as apiSpec,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  apiDocumentProblems,
  documentOperations,
  OpenApiDocument,
  routerOperations,
} from '@ai-ops-console/console-node';
import express from 'express';
import { join } from 'node:path';
import request from 'supertest';
import { createRouter, RouterOptions } from './router';

// The OpenAPI document is generated from apiSpec, the schemas that validate
// the requests: the router must route every declared operation, serve the
// document, and the committed openapi.yaml must be the generated one. The
// route table does not depend on the options' behaviour: fakes are enough.

type Json = Record<string, any>;

describe('the OpenAPI document of ai-metrics', () => {
  let router: express.Router;
  const document = apiSpec.document() as unknown as Json;

  beforeAll(async () => {
    router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      logger: mockServices.logger.mock(),
      database: {} as RouterOptions['database'],
      access: {} as RouterOptions['access'],
      auditor: {} as RouterOptions['auditor'],
      ingest: {} as RouterOptions['ingest'],
      aggregates: {} as RouterOptions['aggregates'],
      admin: {} as RouterOptions['admin'],
      metrics: {} as RouterOptions['metrics'],
      maxBodySize: '1mb',
      bodyTimeoutMs: 10_000,
      retryAfterSeconds: 1,
    });
  });

  it('is served by the router, which routes every declared operation', async () => {
    expect(routerOperations(router)).toEqual(
      documentOperations(document as OpenApiDocument),
    );
    expect(routerOperations(router)).toContain('post /events');
    expect(routerOperations(router)).toContain('post /admin/retention/run');
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
        pluginFolder: 'ai-metrics-backend',
      }),
    ).toEqual([]);
  });

  it('declares as the ingest body the schema IngestService validates with', () => {
    expect(apiSpec.operations.ingestEvents.body).toBe(aiMetricEventBatchSchema);
    const post = document.paths['/events'].post;
    expect(post.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/EventBatch' },
        },
      },
    });
    expect(Object.keys(post.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '408',
      '413',
      '429',
      '503',
    ]);
    const { Event, EventBatch } = document.components.schemas;
    expect(EventBatch.properties.events).toMatchObject({
      type: 'array',
      minItems: 1,
      items: { $ref: '#/components/schemas/Event' },
    });
    expect(Event).toMatchObject({
      additionalProperties: false,
      required: [
        'id',
        'timestamp',
        'model',
        'provider',
        'operation',
        'latencyMs',
      ],
    });
    expect(Event.properties.id.description).toMatch(/^Idempotency key/);
    expect(Event.properties.latencyMs).toMatchObject({
      minimum: 0,
      maximum: 86_400_000,
    });
    expect(Event.properties.labels.maxProperties).toBe(16);
  });

  it('says which query parameters are required, with their bounds', () => {
    const parameters = (path: string) =>
      Object.fromEntries(
        document.paths[path].get.parameters.map((p: Json) => [p.name, p]),
      );
    const compare = parameters('/compare');
    expect(compare.from).toMatchObject({
      required: true,
      schema: { type: 'string', format: 'date-time' },
    });
    expect(compare.model.required).toBe(true);
    expect(compare.version.required).toBe(false);
    expect(parameters('/series').model.required).toBe(false);
    expect(parameters('/series').step.schema.pattern).toBe(
      '^[1-9][0-9]{0,5}[smhd]$',
    );
    const top = parameters('/top');
    expect(top.by.schema).toEqual({
      type: 'string',
      enum: ['cost', 'latencyP95', 'errors', 'requests'],
      default: 'cost',
    });
    expect(top.limit.required).toBe(false);
    expect(top.limit.description).toMatch(/from 1 to 100/);
    expect(document.components.schemas.NameList.anyOf[1]).toMatchObject({
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { maxLength: 200 },
    });
  });

  it('answers the health body with 200 and 503, and Prometheus text on /metrics', () => {
    const health = document.paths['/health'].get.responses;
    for (const status of ['200', '503']) {
      expect(health[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/Health',
      });
    }
    const metrics = document.paths['/metrics'].get.responses;
    expect(metrics['200'].content).toEqual({
      'text/plain': { schema: { type: 'string' } },
    });
    expect(document.components.schemas.Summary.properties.errorRate).toEqual(
      expect.objectContaining({ type: 'number', nullable: true }),
    );
  });
});
