import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AiMetricsHealth,
  aiMetricsAdminPermission,
  aiMetricsApiSpec as apiSpec,
  aiMetricsIngestPermission,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  AuditTrail,
  createApiRouter,
  databaseUnavailableHandler,
  internalErrorFilter,
} from '@ai-ops-console/console-node';
import express from 'express';
import { AccessControl } from './AccessControl';
import { AdminService } from './AdminService';
import { AggregatesService } from './AggregatesService';
import { IngestService } from './IngestService';
import { PrometheusMetrics } from './PrometheusMetrics';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  /** Where the detail of an unavailable database goes (never the body). */
  logger: LoggerService;
  database: { health(): Promise<AiMetricsHealth> };
  access: AccessControl;
  auditor: AuditorService;
  ingest: IngestService;
  aggregates: AggregatesService;
  admin: AdminService;
  metrics: PrometheusMetrics;
  /** Largest ingest body (bytes, or a size such as '1mb'). */
  maxBodySize: string | number;
  /** How long an ingest body may take to arrive; 408 past it. */
  bodyTimeoutMs: number;
  /** Retry-After of a 429, and of a 503 while the database is unavailable. */
  retryAfterSeconds: number;
};

/**
 * The routes of apiSpec. Each one checks, in order: credentials (401), its
 * query (400), then the permission (403). `POST /events` checks whether the
 * caller may send any model (403), then takes an in-flight slot (429), reads
 * its body within a time bound (408), and checks each model last (403).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, database, access, ingest, aggregates } = options;
  const audit = new AuditTrail({ auditor: options.auditor });
  const api = createApiRouter({
    spec: apiSpec,
    jsonLimit: options.maxBodySize,
    authenticate: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
  });
  const { operations } = apiSpec;

  api.add(operations.getHealth, async ({ res, credentials }) => {
    access.requireUnrestricted(credentials);
    const health = await database.health();
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  api.add(
    operations.ingestEvents,
    async ({ req, res, credentials, readBody }) => {
      // the auditor names the caller from its credentials, checked first
      const result = await audit.run(
        {
          eventId: 'ingest',
          credentials,
          request: req,
          permission: aiMetricsIngestPermission,
          outcome: counts => counts,
        },
        async () => {
          // who may send which models is decided before a slot is taken or
          // the body read, so that callers who may not ingest hold no slot
          const scope = await access.ingestScope({ credentials });
          return ingest.ingestBatch({
            scope,
            readBody: () => readBody({ timeoutMs: options.bodyTimeoutMs }),
          });
        },
      );
      res.status(200).json(result);
    },
  );

  api.add(operations.getSeries, async ({ res, credentials, query }) => {
    const scope = await access.readScope({ credentials });
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

  api.add(operations.compareModels, async ({ res, credentials, query }) => {
    const scope = await access.readScope({ credentials });
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

  api.add(operations.getTopModels, async ({ res, credentials, query }) => {
    const scope = await access.readScope({ credentials });
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

  api.add(operations.listModels, async ({ res, credentials }) => {
    const scope = await access.readScope({ credentials });
    res.json(await aggregates.listModels({ models: await scope.resolve() }));
  });

  api.add(operations.getPrometheusMetrics, async ({ req, res }) => {
    await access.authorizeScrape(req);
    const { contentType, body } = await options.metrics.expose();
    res.set('Content-Type', contentType).send(body);
  });

  api.add(operations.getAdminStatus, async ({ res, credentials }) => {
    await access.gate.require(credentials, aiMetricsAdminPermission);
    res.json(await options.admin.status());
  });

  api.add(operations.runRetention, async ({ req, res, credentials }) => {
    const deleted = await audit.run(
      {
        eventId: 'retention-run',
        credentials,
        request: req,
        permission: aiMetricsAdminPermission,
        outcome: counts => counts,
      },
      async () => {
        await access.gate.require(credentials, aiMetricsAdminPermission);
        return options.admin.runRetention();
      },
    );
    res.json({ deleted });
  });

  // A database that is unreachable or restarting answers 503 with
  // Retry-After, not 500: producers retry the batch, consoles retry the read.
  // The body says only that; the detail is logged.
  api.router.use(
    databaseUnavailableHandler({
      pluginId: 'ai-metrics',
      retryAfterSeconds: options.retryAfterSeconds,
      logger: options.logger,
    }),
  );
  // whatever else failed is logged; the caller gets a 500 naming the log id,
  // never an address, a query or another service's answer
  api.router.use(
    internalErrorFilter({ pluginId: 'ai-metrics', logger: options.logger }),
  );

  return api.complete();
}
