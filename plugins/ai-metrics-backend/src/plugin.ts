import { consoleMetricsRegistry } from '@ai-ops-console/console-node';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  aiMetricsAdminPermission,
  aiMetricsIngestPermission,
  aiMetricsReadPermission,
  aiMetricsScrapePermission,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { KnexAiMetricsStore } from './database/KnexAiMetricsStore';
import {
  aiModelPermissionResourceRef,
  aiModelPermissionRules,
} from './permissions/rules';
import { AccessControl } from './service/AccessControl';
import { AdminService } from './service/AdminService';
import { AggregatesService } from './service/AggregatesService';
import { CatalogModelOwnership } from './service/CatalogModelOwnership';
import { readAiMetricsOptions } from './service/config';
import {
  AuditTrail,
  DatabaseHealth,
  PermissionGate,
} from '@ai-ops-console/console-node';
import { IngestService } from './service/IngestService';
import { ProducerModels } from './service/producer';
import { PrometheusMetrics } from './service/PrometheusMetrics';
import { RetentionService } from './service/RetentionService';
import { createRouter } from './service/router';

/**
 * The ai-metrics backend plugin: ingests, stores, aggregates and exports model metrics.
 *
 * @public
 */
export const aiMetricsPlugin = createBackendPlugin({
  pluginId: 'ai-metrics',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { database, httpAuth, httpRouter, permissionsRegistry } = deps;
        const options = readAiMetricsOptions(deps.config);
        const store = await KnexAiMetricsStore.create({ database });
        const ownership = new CatalogModelOwnership({
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
        });

        permissionsRegistry.addPermissions([
          aiMetricsScrapePermission,
          aiMetricsAdminPermission,
        ]);
        permissionsRegistry.addResourceType({
          resourceRef: aiModelPermissionResourceRef,
          permissions: [aiMetricsReadPermission, aiMetricsIngestPermission],
          rules: aiModelPermissionRules,
          getResources: names => ownership.getModels(names),
        });

        const metrics = new PrometheusMetrics({
          ...options.prometheus,
          alsoExport: [consoleMetricsRegistry],
        });
        const ingest = new IngestService({
          store,
          metrics,
          maxBatchSize: options.ingest.maxBatchSize,
          maxInFlightBatches: options.ingest.maxInFlightBatches,
          rawRetentionMs: options.retention.rawEventsMs,
        });
        const retention = new RetentionService({
          store,
          logger: deps.logger,
          retention: options.retention,
        });
        await deps.scheduler.scheduleTask({
          id: 'ai-metrics-retention',
          ...options.retention.schedule,
          scope: options.retention.schedule.scope ?? 'global',
          fn: async () => {
            await retention.run();
          },
        });

        // with a token of its own or none, Prometheus sends no Backstage
        // token: the route checks aiMetrics.prometheus.access itself
        if (options.prometheus.access !== 'permission') {
          httpRouter.addAuthPolicy({
            path: '/metrics',
            allow: 'unauthenticated',
          });
        }
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger: deps.logger,
            database: new DatabaseHealth({
              db: await database.getClient(),
              logger: deps.logger,
            }),
            access: new AccessControl({
              httpAuth,
              // refused permissions are audited as this plugin's events
              gate: new PermissionGate({
                permissions: deps.permissions,
                audit: new AuditTrail({ auditor: deps.auditor }),
                logger: deps.logger,
              }),
              ruleset: permissionsRegistry.getPermissionRuleset(
                aiModelPermissionResourceRef,
              ),
              ownership,
              knownModels: () => store.listModelNames(),
              scrape: options.prometheus,
              producers: new ProducerModels(options.ingest.producers),
            }),
            auditor: deps.auditor,
            ingest,
            aggregates: new AggregatesService({
              store,
              maxPoints: options.query.maxPoints,
            }),
            admin: new AdminService({ store, retention, ingest }),
            metrics,
            maxBodySize: options.ingest.maxBodySize,
            bodyTimeoutMs: options.ingest.bodyTimeoutMs,
            retryAfterSeconds: options.ingest.retryAfterSeconds,
          }),
        );
      },
    });
  },
});
