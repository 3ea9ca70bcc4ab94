import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { NaiveBayesClassifier } from './NaiveBayesClassifier';
import { OpenAICompatibleAdapter } from './OpenAICompatibleAdapter';
import { Dataset, ModelAdapter } from './types';

/** The built-in local model, trained on the shipped dataset's training split. */
export const LOCAL_MODEL_ID = 'local-sentiment';
export const BUILT_IN_DATASET_ID = 'sentiment-small';

function loadBuiltInDataset(): Dataset {
  const file = resolvePackagePath(
    '@ai-ops-console/backstage-plugin-workflows-backend',
    'data/sentiment-small.json',
  );
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Datasets and model adapters the workflows may use, from config. */
export class ModelRegistry {
  private readonly models = new Map<string, ModelAdapter>();
  private readonly datasets = new Map<string, Dataset>();

  static fromConfig(config: Config): ModelRegistry {
    const registry = new ModelRegistry();
    const dataset = loadBuiltInDataset();
    registry.addDataset(dataset);
    registry.addModel(new NaiveBayesClassifier(LOCAL_MODEL_ID, dataset.train));
    for (const model of config.getOptionalConfigArray('workflows.models') ??
      []) {
      registry.addModel(
        new OpenAICompatibleAdapter({
          id: model.getString('id'),
          baseUrl: model.getString('baseUrl'),
          model: model.getString('model'),
          apiKey: model.getOptionalString('apiKey'),
          provider: model.getOptionalString('provider'),
          timeoutMs: model.getOptionalNumber('timeoutMs'),
        }),
      );
    }
    return registry;
  }

  /**
   * Adds a model; refuses an id already taken, as a workflow input naming it
   * would otherwise reach whichever was added last.
   */
  addModel(model: ModelAdapter) {
    if (this.models.has(model.id)) {
      throw new Error(
        `two models have the id "${model.id}" (the built-in model, workflows.models or a module's workflowModelsExtensionPoint); give each its own`,
      );
    }
    this.models.set(model.id, model);
  }

  addDataset(dataset: Dataset) {
    this.datasets.set(dataset.id, dataset);
  }

  model(id: string): ModelAdapter {
    const model = this.models.get(id);
    if (!model) {
      throw new InputError(
        `unknown model "${id}"; known: ${[...this.models.keys()].join(', ')}`,
      );
    }
    return model;
  }

  dataset(id: string): Dataset {
    const dataset = this.datasets.get(id);
    if (!dataset) {
      throw new InputError(
        `unknown dataset "${id}"; known: ${[...this.datasets.keys()].join(
          ', ',
        )}`,
      );
    }
    return dataset;
  }

  modelIds() {
    return [...this.models.keys()];
  }

  datasetIds() {
    return [...this.datasets.keys()];
  }
}
