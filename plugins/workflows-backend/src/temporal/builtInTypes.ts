import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { WorkflowTypeRegistration } from '@ai-ops-console/backstage-plugin-workflows-node';
import { ModelRegistry } from './models/ModelRegistry';

/**
 * Where the built-in workflow code is: its TypeScript source, which the
 * worker bundles at start (Temporal's bundler compiles it). The package ships
 * that folder (package.json `files`), so that a built backend finds it as a
 * development one does: a built package has no `./workflows` beside its
 * compiled modules, since nothing imports workflow code into the process.
 */
export function builtInWorkflowsPath(): string {
  return resolvePackagePath(
    '@ai-ops-console/backstage-plugin-workflows-backend',
    'src/temporal/workflows/index.ts',
  );
}

/** The console's own workflow types, with input schemas from the configured models. */
export function builtInWorkflowTypes(
  models: ModelRegistry,
): WorkflowTypeRegistration[] {
  const workflowsPath = builtInWorkflowsPath();
  const model = {
    type: 'string',
    title: 'Model',
    enum: models.modelIds(),
    default: models.modelIds()[0],
  };
  const dataset = {
    type: 'string',
    title: 'Dataset',
    enum: models.datasetIds(),
    default: models.datasetIds()[0],
  };
  const version = {
    type: 'string',
    title: 'Model version',
    default: 'default',
    minLength: 1,
    maxLength: 100,
  };
  return [
    {
      name: 'modelEvaluation',
      title: 'Model evaluation',
      description:
        'Runs a dataset through a model, computes accuracy and latency, and records them as AI metrics.',
      workflowsPath,
      inputSchema: {
        type: 'object',
        required: ['model', 'dataset'],
        additionalProperties: false,
        properties: {
          model,
          dataset,
          version,
          limit: {
            type: 'integer',
            title: 'Evaluate only the first N items',
            minimum: 1,
            maximum: 100000,
          },
          batchSize: {
            type: 'integer',
            title: 'Items per activity',
            minimum: 1,
            maximum: 500,
            default: 20,
          },
        },
      },
      queries: [{ name: 'progress', title: 'Progress' }],
    },
    {
      name: 'batchInference',
      title: 'Batch inference',
      description:
        'Classifies many items in chunks; progress is visible while it runs and cancelling keeps the finished part.',
      workflowsPath,
      inputSchema: {
        type: 'object',
        required: ['model'],
        additionalProperties: false,
        properties: {
          model,
          version,
          items: {
            type: 'array',
            title: 'Texts to classify',
            items: { type: 'string', minLength: 1, maxLength: 10000 },
            minItems: 1,
            maxItems: 100000,
          },
          dataset: { ...dataset, default: undefined },
          limit: { type: 'integer', minimum: 1, maximum: 100000 },
          chunkSize: {
            type: 'integer',
            title: 'Items per activity',
            minimum: 1,
            maximum: 500,
            default: 10,
          },
        },
        oneOf: [{ required: ['items'] }, { required: ['dataset'] }],
      },
      queries: [{ name: 'progress', title: 'Progress' }],
    },
    {
      name: 'modelPromotion',
      title: 'Model promotion',
      description:
        'Waits for an approval or rejection from the console before promoting a model version, with a deadline.',
      workflowsPath,
      inputSchema: {
        type: 'object',
        required: ['model', 'toVersion'],
        additionalProperties: false,
        properties: {
          model: {
            type: 'string',
            title: 'Model',
            minLength: 1,
            maxLength: 200,
          },
          fromVersion: {
            type: 'string',
            title: 'Current version',
            maxLength: 100,
          },
          toVersion: {
            ...version,
            title: 'Version to promote',
            default: undefined,
          },
          decisionTimeout: {
            type: 'string',
            title: 'Decision deadline',
            pattern: '^[0-9]+(s|m|h|d)$',
            default: '24h',
          },
        },
      },
      signals: [
        {
          name: 'approve',
          title: 'Approve',
          payloadSchema: {
            type: 'object',
            properties: { comment: { type: 'string', maxLength: 2000 } },
          },
        },
        {
          name: 'reject',
          title: 'Reject',
          payloadSchema: {
            type: 'object',
            properties: { comment: { type: 'string', maxLength: 2000 } },
          },
        },
      ],
      queries: [{ name: 'state', title: 'State' }],
    },
  ];
}
