import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a model whose metrics are read or written; a
 * conditional rule lets a user reach only models that their groups own in
 * the catalog.
 * @public
 */
export const AI_MODEL_RESOURCE_TYPE = 'ai-model';

/** Read metrics of a model. @public */
export const aiMetricsReadPermission = createPermission({
  name: 'ai-metrics.model.read',
  attributes: { action: 'read' },
  resourceType: AI_MODEL_RESOURCE_TYPE,
});

/**
 * Send metric events of a model to the ingest API. A resource permission on
 * the model, so that a policy can let a team write only the models it owns
 * (the IS_OWNED_BY rule, as for reading). Service principals are scoped by
 * aiMetrics.ingest.producers instead.
 * @public
 */
export const aiMetricsIngestPermission = createPermission({
  name: 'ai-metrics.event.ingest',
  attributes: { action: 'create' },
  resourceType: AI_MODEL_RESOURCE_TYPE,
});

/**
 * Read the Prometheus exposition (`GET /api/ai-metrics/metrics`): the
 * latency, cost and accuracy of every model, whoever owns it. Meant for
 * Prometheus (a service token); no built-in role but admin holds it.
 * @public
 */
export const aiMetricsScrapePermission = createPermission({
  name: 'ai-metrics.metrics.scrape',
  attributes: { action: 'read' },
});

/** Change retention and other settings of the metrics store. @public */
export const aiMetricsAdminPermission = createPermission({
  name: 'ai-metrics.admin',
  attributes: { action: 'update' },
});

/** Every permission of the ai-metrics plugin. @public */
export const aiMetricsPermissions = [
  aiMetricsReadPermission,
  aiMetricsIngestPermission,
  aiMetricsScrapePermission,
  aiMetricsAdminPermission,
];
