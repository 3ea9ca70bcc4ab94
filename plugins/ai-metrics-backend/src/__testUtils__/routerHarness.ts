import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  ServiceMock,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { AiMetricsHealth } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import express from 'express';
import { AiMetricsStore } from '../database/AiMetricsStore';
import { KnexAiMetricsStore } from '../database/KnexAiMetricsStore';
import { AiModelResource, aiModelPermissionRules } from '../permissions/rules';
import { AccessControl } from '../service/AccessControl';
import { AdminService } from '../service/AdminService';
import { AggregatesService } from '../service/AggregatesService';
import { ModelOwnership } from '../service/CatalogModelOwnership';
import { PrometheusAccess } from '../service/config';
import { IngestService } from '../service/IngestService';
import { ProducerModels } from '../service/producer';
import { PrometheusMetrics } from '../service/PrometheusMetrics';
import { RetentionService } from '../service/RetentionService';
import { createRouter } from '../service/router';

/** The rules of the 'ai-model' resource type, as the registry would hand them out. */
export const aiModelRuleset: PermissionRuleset<AiModelResource> = {
  getRuleByName(name) {
    const rule = aiModelPermissionRules.find(r => r.name === name);
    if (!rule) {
      throw new Error(`no rule ${name}`);
    }
    return rule as unknown as ReturnType<
      PermissionRuleset<AiModelResource>['getRuleByName']
    >;
  },
};

/**
 * A permissions mock that answers the same decision to every caller: `basic`
 * to basic permissions (and to ingest unless `ingest` is given), `read` to
 * reading models.
 */
export function permissionsAnswering(options: {
  basic?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  read?: PolicyDecision;
  ingest?: PolicyDecision;
}): ServiceMock<PermissionsService> {
  const basic = options.basic ?? AuthorizeResult.ALLOW;
  const read = options.read ?? { result: AuthorizeResult.ALLOW };
  const ingest = options.ingest ?? { result: basic };
  return mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result: basic })),
    authorizeConditional: async requests =>
      requests.map(({ permission }) =>
        permission.name === 'ai-metrics.event.ingest' ? ingest : read,
      ),
  });
}

/**
 * Permissions decided as Backstage decides them: a service principal is
 * allowed unless its access restrictions leave the permission out; a user
 * gets what `policy` answers for the permission's name (DENY by default).
 */
export function permissionsPolicy(
  policy: Record<string, (userRef: string) => PolicyDecision>,
): ServiceMock<PermissionsService> {
  const decide = (
    permission: Permission,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    const { principal } = credentials as BackstageCredentials<
      BackstageServicePrincipal | BackstageUserPrincipal | { type: 'none' }
    >;
    if (principal.type === 'service') {
      const names = principal.accessRestrictions?.permissionNames;
      return {
        result:
          !names || names.includes(permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    if (principal.type !== 'user') return { result: AuthorizeResult.DENY };
    const decision = policy[permission.name]?.(principal.userEntityRef);
    return decision ?? { result: AuthorizeResult.DENY };
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(({ permission }) => {
        const decision = decide(permission, credentials);
        // a basic check has no conditions to apply
        return decision.result === AuthorizeResult.CONDITIONAL
          ? { result: AuthorizeResult.DENY }
          : decision;
      }),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(({ permission }) => decide(permission, credentials)),
  } as Partial<PermissionsService>);
}

/** The Authorization header of a service principal with this subject. */
export function serviceHeader(subject: string): string {
  return mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'ai-metrics',
  });
}

/** A policy answer that allows. */
export const allow = (): PolicyDecision => ({ result: AuthorizeResult.ALLOW });

/** Owners by model name; models not listed have none. */
export function ownershipOf(owners: Record<string, string[]>): ModelOwnership {
  return {
    getModels: async names =>
      names.map(name => ({ name, owners: owners[name] ?? [] })),
  };
}

export type Harness = {
  app: express.Express;
  store: AiMetricsStore;
  ingest: IngestService;
  metrics: PrometheusMetrics;
  auditor: ServiceMock<AuditorService>;
  logger: ServiceMock<LoggerService>;
  health: jest.Mock;
};

/**
 * The plugin's router over a real SQLite store, with the real services and
 * mocked framework services.
 */
export async function createHarness(
  databases: TestDatabases,
  options: {
    permissions?: PermissionsService;
    ownership?: ModelOwnership;
    store?: AiMetricsStore;
    maxBatchSize?: number;
    maxInFlightBatches?: number;
    maxBodySize?: string | number;
    scrape?: { access: PrometheusAccess; token?: string };
    /** The health of the database; a mock (`health`) by default. */
    database?: { health(): Promise<AiMetricsHealth> };
    /**
     * Models each service may ingest (aiMetrics.ingest.producers); by
     * default the mock service token's subject may ingest every model.
     */
    producers?: Record<string, string[]>;
    /** How long an ingest body may take to arrive (default 10 s). */
    bodyTimeoutMs?: number;
    now?: () => number;
  } = {},
): Promise<Harness> {
  const knex = await databases.init('SQLITE_3');
  const store =
    options.store ??
    (await KnexAiMetricsStore.create({
      database: mockServices.database({ knex }),
    }));
  const httpAuth = mockServices.httpAuth({ pluginId: 'ai-metrics' });
  const metrics = new PrometheusMetrics({ maxModels: 10, maxLabelValues: 10 });
  const ingest = new IngestService({
    store,
    metrics,
    maxBatchSize: options.maxBatchSize ?? 100,
    maxInFlightBatches: options.maxInFlightBatches ?? 4,
    rawRetentionMs: 7 * 86_400_000,
    now: options.now,
  });
  const retention = new RetentionService({
    store,
    logger: mockServices.logger.mock(),
    retention: {
      rawEventsMs: 7 * 86_400_000,
      minuteRollupsMs: 30 * 86_400_000,
      hourRollupsMs: 365 * 86_400_000,
    },
    now: options.now,
  });
  const auditor = mockServices.auditor.mock();
  const logger = mockServices.logger.mock();
  const health = jest.fn();
  const app = express();
  app.use(
    await createRouter({
      httpAuth,
      logger,
      database: options.database ?? { health },
      access: new AccessControl({
        httpAuth,
        gate: new PermissionGate({
          permissions: options.permissions ?? permissionsAnswering({}),
          audit: new AuditTrail({ auditor }),
          logger,
        }),
        ruleset: aiModelRuleset,
        ownership: options.ownership ?? ownershipOf({}),
        knownModels: () => store.listModelNames(),
        scrape: options.scrape ?? { access: 'permission' },
        producers: new ProducerModels(
          new Map(
            Object.entries(
              options.producers ?? { 'external:test-service': ['*'] },
            ),
          ),
        ),
      }),
      auditor,
      ingest,
      aggregates: new AggregatesService({ store, maxPoints: 1500 }),
      admin: new AdminService({ store, retention, ingest }),
      metrics,
      maxBodySize: options.maxBodySize ?? '1mb',
      bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
      retryAfterSeconds: 3,
    }),
  );
  app.use(mockErrorHandler());
  return { app, store, ingest, metrics, auditor, logger, health };
}
