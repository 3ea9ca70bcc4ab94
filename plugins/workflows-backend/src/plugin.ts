import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { aiMetricsProducerServiceRef } from '@ai-ops-console/backstage-plugin-ai-metrics-node';
import { workflowsPermissions } from '@ai-ops-console/backstage-plugin-workflows-common';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import {
  ModelAdapter,
  WorkflowTypeRegistration,
  workflowModelsExtensionPoint,
  workflowTypesExtensionPoint,
} from '@ai-ops-console/backstage-plugin-workflows-node';
import { workflowResourceRef, workflowRules } from './permissions/rules';
import { createActivities } from './temporal/activities';
import { AiMetricsRecorder } from './temporal/activities/AiMetricsRecorder';
import { builtInWorkflowTypes } from './temporal/builtInTypes';
import { ModelRegistry } from './temporal/models/ModelRegistry';
import { KnexChangeFeedStore } from './database/KnexChangeFeedStore';
import { ChangeFeed } from './service/ChangeFeed';
import { ExecutionActions } from './service/ExecutionActions';
import { ExecutionReader } from './service/ExecutionReader';
import { loadExecution } from './service/loadExecution';
import { createRouter } from './service/router';
import { TemporalService } from './service/TemporalService';
import { tracingClientInterceptors, workerTracing } from './service/tracing';
import { WorkerService } from './service/WorkerService';
import { WorkflowMetrics } from './service/WorkflowMetrics';
import { WorkflowAccess } from './service/WorkflowAccess';
import { WorkflowTypeRegistry } from './service/WorkflowTypeRegistry';

/**
 * The workflows backend plugin: runs and governs AI workflows on Temporal.
 *
 * @public
 */
export const workflowsPlugin = createBackendPlugin({
  pluginId: 'workflows',
  register(env) {
    const added: WorkflowTypeRegistration[] = [];
    env.registerExtensionPoint(workflowTypesExtensionPoint, {
      addWorkflowType(type) {
        added.push(type);
      },
    });
    const addedModels: ModelAdapter[] = [];
    env.registerExtensionPoint(workflowModelsExtensionPoint, {
      addModel(model) {
        addedModels.push(model);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
        aiMetrics: aiMetricsProducerServiceRef,
      },
      async init(deps) {
        const { config, logger, lifecycle } = deps;
        // spans continue from the request into Temporal and on into the
        // worker when the backend runs OpenTelemetry (src/instrumentation.js)
        const temporal = TemporalService.fromConfig({
          config,
          logger,
          interceptors: tracingClientInterceptors(),
        });
        lifecycle.addShutdownHook(() => temporal.close());
        // says at start when the namespace lacks the console's search
        // attribute; not awaited, Temporal may still be starting
        lifecycle.addStartupHook(() => {
          temporal.checkAtStartup();
        });

        const models = ModelRegistry.fromConfig(config);
        for (const model of addedModels) models.addModel(model);
        const registry = new WorkflowTypeRegistry();
        for (const type of [...builtInWorkflowTypes(models), ...added]) {
          registry.add(type);
        }

        deps.permissionsRegistry.addResourceType({
          resourceRef: workflowResourceRef,
          permissions: workflowsPermissions,
          rules: workflowRules,
          getResources: refs =>
            Promise.all(
              refs.map(workflowId =>
                loadExecution({ temporal, workflowId }).then(
                  e => e.resource,
                  () => undefined,
                ),
              ),
            ),
        });
        // refused permissions are audited as this plugin's events
        const access = new WorkflowAccess({
          gate: new PermissionGate({
            permissions: deps.permissions,
            audit: new AuditTrail({ auditor: deps.auditor }),
            logger,
          }),
          ruleset:
            deps.permissionsRegistry.getPermissionRuleset(workflowResourceRef),
          namespace: temporal.settings.namespace,
        });
        const executions = new ExecutionReader({ temporal, registry, access });
        const actions = new ExecutionActions({ temporal, registry, access });
        deps.permissionsRegistry.addPermissions(
          added.flatMap(t => (t.startPermission ? [t.startPermission] : [])),
        );

        if (config.getOptionalBoolean('workflows.worker.enabled') ?? true) {
          installTemporalLogger(logger);
          const custom = Object.assign(
            {},
            ...added.map(t => t.activities ?? {}),
          );
          const worker = new WorkerService({
            settings: temporal.settings,
            logger,
            types: registry.registrations(),
            activities: {
              ...createActivities({
                models,
                metrics: new AiMetricsRecorder({ producer: deps.aiMetrics }),
                logger,
              }),
              ...custom,
            },
            tracing: workerTracing(),
          });
          lifecycle.addStartupHook(() => worker.start());
          lifecycle.addShutdownHook(() => worker.stop());
        }

        const metrics = new WorkflowMetrics({
          isRegisteredType: type => registry.find(type) !== undefined,
        });
        if (
          config.getOptionalBoolean('workflows.liveUpdates.enabled') ??
          true
        ) {
          const feed = new ChangeFeed({
            temporal,
            // the task moves between replicas: cursor and claims are shared
            store: await KnexChangeFeedStore.create({
              database: deps.database,
            }),
            signals: deps.signals,
            metrics,
            logger,
          });
          await deps.scheduler.scheduleTask({
            id: 'workflows-change-feed',
            frequency: { seconds: 1 },
            timeout: { seconds: 30 },
            scope: 'global',
            fn: async () => {
              await feed
                .poll()
                .catch(error =>
                  logger.warn(`change feed poll failed: ${error.message}`),
                );
            },
          });
        }

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            temporal,
            access,
            executions,
            actions,
            metrics: metrics.registry,
          }),
        );
      },
    });
  },
});

let temporalLoggerInstalled = false;
/** Routes the Temporal SDK's own logs to the backend logger, once per process. */
function installTemporalLogger(logger: {
  warn(m: string): void;
  error(m: string): void;
}) {
  if (temporalLoggerInstalled) return;
  temporalLoggerInstalled = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('WARN', entry =>
        entry.level === 'ERROR'
          ? logger.error(entry.message)
          : logger.warn(entry.message),
      ),
    });
  } catch {
    // a runtime already exists in this process (e.g. tests): keep it
  }
}
