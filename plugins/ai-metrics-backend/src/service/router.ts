import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  AiMetricsHealth,
  aiMetricsAdminPermission,
  aiMetricsIngestPermission,
} from '@internal/backstage-plugin-ai-metrics-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AccessControl } from './AccessControl';
import { AdminService } from './AdminService';
import { AggregatesService } from './AggregatesService';
import {
  databaseUnavailableHandler,
  TooManyRequestsError,
} from '@internal/console-node';
import { IngestService } from './IngestService';
import { loadOpenApiDocument } from './openapi';
import { PrometheusMetrics } from './PrometheusMetrics';
import {
  compareQuerySchema,
  noQuerySchema,
  seriesQuerySchema,
  topQuerySchema,
} from './queries';
import { parseOrThrow } from '@internal/console-node';

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

export type RouterOptions = {
  httpAuth: HttpAuthService;
  database: { health(): Promise<AiMetricsHealth> };
  access: AccessControl;
  auditor: AuditorService;
  ingest: IngestService;
  aggregates: AggregatesService;
  admin: AdminService;
  metrics: PrometheusMetrics;
  /** Largest ingest body (bytes, or a size such as '1mb'). */
  maxBodySize: string | number;
  /** Retry-After of a 429, and of a 503 while the database is unavailable. */
  retryAfterSeconds: number;
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, database, access, auditor, ingest, aggregates } = options;
  const openApiDocument = loadOpenApiDocument();
  const readJson = express.json({ limit: options.maxBodySize });
  const router = Router();

  /** Runs a mutation inside one auditor event that records success or failure. */
  async function audited<T extends JsonObject>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    mutation: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await mutation();
      await event.success({ meta: result });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Reads the JSON body now, within the size limit (413 past it). */
  function readBody(req: Request, res: Response): Promise<void> {
    return new Promise((resolve, reject) =>
      readJson(req, res, error => (error ? reject(error) : resolve())),
    );
  }

  /**
   * The checks every read route makes, in order: credentials (401), the
   * query (400), then the models the caller may read (403 when none).
   */
  async function readRequest<T extends z.ZodType>(req: Request, schema: T) {
    const credentials = await access.credentials(req);
    const query = parseOrThrow('query', schema, req.query);
    const scope = await access.readScope({ credentials });
    return { query, scope };
  }

  /** No query parameters (400), then the admin permission (403). */
  async function authorizeAdmin(
    req: Request,
    credentials: BackstageCredentials,
  ) {
    parseOrThrow('query', noQuerySchema, req.query);
    await access.authorize({
      credentials,
      permission: aiMetricsAdminPermission,
    });
  }

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const health = await database.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  router.get('/openapi.json', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(openApiDocument);
  });

  router.post('/events', async (req, res) => {
    // the auditor names the caller from its credentials: check them first
    const credentials = await access.credentials(req);
    // refuse before reading the body, so that overload does not grow memory
    const release = ingest.admit();
    if (!release) {
      res.set('Retry-After', String(options.retryAfterSeconds));
      throw new TooManyRequestsError(
        'too many ingest batches in flight, retry later',
      );
    }
    try {
      const result = await audited(req, 'ingest', {}, async () => {
        await access.authorize({
          credentials,
          permission: aiMetricsIngestPermission,
        });
        await readBody(req, res);
        return ingest.ingest(ingest.parse(req.body));
      });
      res.status(200).json(result);
    } finally {
      release();
    }
  });

  router.get('/series', async (req, res) => {
    const { query, scope } = await readRequest(req, seriesQuerySchema);
    res.json(
      await aggregates.series({
        from: query.from,
        to: query.to,
        stepMs: query.step,
        models: await scope.resolve(query.model),
        versions: query.version,
        groupBy: query.groupBy,
      }),
    );
  });

  router.get('/compare', async (req, res) => {
    const { query, scope } = await readRequest(req, compareQuerySchema);
    await scope.resolve(query.model);
    res.json(
      await aggregates.compare({
        from: query.from,
        to: query.to,
        models: query.model,
        versions: query.version,
      }),
    );
  });

  router.get('/top', async (req, res) => {
    const { query, scope } = await readRequest(req, topQuerySchema);
    res.json(
      await aggregates.top({
        from: query.from,
        to: query.to,
        by: query.by,
        limit: query.limit,
        groupBy: query.groupBy,
        models: await scope.resolve(),
      }),
    );
  });

  router.get('/models', async (req, res) => {
    const { scope } = await readRequest(req, noQuerySchema);
    res.json(await aggregates.listModels({ models: await scope.resolve() }));
  });

  router.get('/metrics', async (req, res) => {
    await access.authorizeScrape(req);
    const { contentType, body } = await options.metrics.expose();
    res.set('Content-Type', contentType).send(body);
  });

  router.get('/admin/status', async (req, res) => {
    await authorizeAdmin(req, await access.credentials(req));
    res.json(await options.admin.status());
  });

  router.post('/admin/retention/run', async (req, res) => {
    // the auditor names the caller from its credentials: check them first
    const credentials = await access.credentials(req);
    const deleted = await audited(req, 'retention-run', {}, async () => {
      await authorizeAdmin(req, credentials);
      return options.admin.runRetention();
    });
    res.json({ deleted });
  });

  // A database that is unreachable or restarting answers 503 with
  // Retry-After, not 500: producers retry the batch, consoles retry the read.
  router.use(
    databaseUnavailableHandler({
      pluginId: 'ai-metrics',
      retryAfterSeconds: options.retryAfterSeconds,
    }),
  );

  return router;
}
