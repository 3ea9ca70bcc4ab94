import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * What a model answered for one text.
 * @public
 */
export type ModelClassification = {
  /** One of the labels it was asked to choose from. */
  label: string;
  inputTokens: number;
  outputTokens: number;
};

/**
 * A model the console's workflows can call: the built-in local classifier
 * and the OpenAI-compatible adapter of `workflows.models` implement it, and
 * a backend module may add its own through
 * {@link workflowModelsExtensionPoint}. The worker calls it from activities
 * (ordinary Node code), and records each call as an AI metric event with
 * the adapter's `provider`.
 * @public
 */
export interface ModelAdapter {
  /** What workflow inputs name the model by; unique among all models. */
  readonly id: string;
  /** The gen_ai provider name recorded with metrics, e.g. `openai`. */
  readonly provider: string;
  /**
   * Chooses one of `labels` for `text`. A rejection counts as a failed
   * prediction of that item (recorded with error type `model_error`), not a
   * failed workflow.
   */
  classify(options: {
    text: string;
    labels: string[];
  }): Promise<ModelClassification>;
}

/**
 * Lets backend modules add model adapters to the workflows plugin.
 * @public
 */
export interface WorkflowModelsExtensionPoint {
  /**
   * Adds a model; the plugin refuses to start when its id is taken (by the
   * built-in model, a `workflows.models` entry or another module).
   */
  addModel(model: ModelAdapter): void;
}

/**
 * The extension point for model adapters.
 * @public
 */
export const workflowModelsExtensionPoint =
  createExtensionPoint<WorkflowModelsExtensionPoint>({
    id: 'workflows.models',
  });
