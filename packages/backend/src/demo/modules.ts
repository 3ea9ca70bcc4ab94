import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { workflowModelsExtensionPoint } from '@ai-ops-console/backstage-plugin-workflows-node';
import { DEMO_MODELS, MODEL_OWNERS } from './demoContent';
import { KeywordSentimentModel } from './KeywordSentimentModel';
import { readDemoDataSettings } from './settings';

/** Adds the demo's slow model to the workflows the console's worker runs. */
export const workflowsModuleDemoModel = createBackendModule({
  pluginId: 'workflows',
  moduleId: 'console-demo-model',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        models: workflowModelsExtensionPoint,
      },
      async init({ config, models }) {
        const settings = readDemoDataSettings(config);
        if (settings.enabled) {
          models.addModel(
            new KeywordSentimentModel({ latencyMs: settings.modelLatencyMs }),
          );
        }
      },
    });
  },
});

const LOCATION = 'console-demo:models';

/** The demo models as catalog entities, owned so that ownership rules show. */
export function demoModelEntities(): Entity[] {
  const annotations = {
    'backstage.io/managed-by-location': LOCATION,
    'backstage.io/managed-by-origin-location': LOCATION,
  };
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'ml-team',
        description: 'The dev IdP group of Otto Operator and Vera Viewer.',
        annotations,
      },
      spec: { type: 'team', children: [] },
    },
    ...DEMO_MODELS.map(model => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: model,
        description: `A demo model of the console (${model}).`,
        annotations,
      },
      spec: { type: 'ai-model', owner: MODEL_OWNERS[model] },
    })),
  ];
}

class DemoModelProvider implements EntityProvider {
  getProviderName() {
    return 'console-demo-models';
  }

  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: demoModelEntities().map(entity => ({
        entity,
        locationKey: LOCATION,
      })),
    });
  }
}

/** Puts the demo models into the catalog while the demo is on. */
export const catalogModuleDemoModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'console-demo-models',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, catalog }) {
        if (readDemoDataSettings(config).enabled) {
          catalog.addEntityProvider(new DemoModelProvider());
        }
      },
    });
  },
});
