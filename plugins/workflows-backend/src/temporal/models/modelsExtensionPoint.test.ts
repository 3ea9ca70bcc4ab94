import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ModelAdapter,
  workflowModelsExtensionPoint,
} from '@ai-ops-console/backstage-plugin-workflows-node';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { workflowsPlugin } from '../../plugin';
import { recordingMetricsProducer } from '../../service/__testUtils__/metricsProducer';

// A module's model adapter, run by the built-in workflows on the real
// Temporal dev server (TEMPORAL_ADDRESS): what docs/plugin-author-guide.md
// promises for workflowModelsExtensionPoint.
jest.setTimeout(60_000);

/** Says "positive" when the text has "good" in it; fails on "boom". */
const keywordModel: ModelAdapter = {
  id: 'keyword-model',
  provider: 'example',
  async classify({ text, labels }) {
    if (text.includes('boom')) throw new Error('the keyword model broke');
    const label = text.includes('good') ? 'positive' : 'negative';
    return {
      label: labels.includes(label) ? label : labels[0],
      inputTokens: 1,
      outputTokens: 1,
    };
  },
};

const moduleAdding = (model: ModelAdapter, moduleId = 'keyword-model') =>
  createBackendModule({
    pluginId: 'workflows',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { models: workflowModelsExtensionPoint },
        async init({ models }) {
          models.addModel(model);
        },
      });
    },
  });

function config(address: string) {
  return mockServices.rootConfig.factory({
    data: {
      workflows: {
        temporal: {
          address,
          taskQueue: `models-${randomUUID()}`,
          registerSearchAttributes: true,
        },
        liveUpdates: { enabled: false },
      },
    },
  });
}

describe('workflowModelsExtensionPoint', () => {
  const address = process.env.TEMPORAL_ADDRESS!;
  beforeAll(() => {
    if (!address)
      throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
  });

  it("offers a module's model in the start forms and runs batch inference with it", async () => {
    const metrics = recordingMetricsProducer();
    const backend = await startTestBackend({
      features: [
        workflowsPlugin,
        moduleAdding(keywordModel),
        config(address),
        metrics.factory,
      ],
    });
    try {
      const types = await request(backend.server).get('/api/workflows/types');
      const evaluation = types.body.items.find(
        (t: any) => t.name === 'modelEvaluation',
      );
      expect(evaluation.inputSchema.properties.model.enum).toEqual([
        'local-sentiment',
        'keyword-model',
      ]);

      const started = await request(backend.server)
        .post('/api/workflows/executions')
        .send({
          type: 'batchInference',
          input: {
            model: 'keyword-model',
            items: ['a good day', 'a bad day', 'boom'],
          },
        });
      expect(started.status).toBe(201);
      let detail: any;
      for (let i = 0; i < 150; i++) {
        detail = (
          await request(backend.server).get(
            `/api/workflows/executions/${started.body.workflowId}`,
          )
        ).body;
        if (detail.status === 'Completed') break;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(detail.result).toEqual({
        total: 3,
        done: 3,
        failed: 1,
        results: [
          { index: 0, label: 'positive' },
          { index: 1, label: 'negative' },
          { index: 2, error: 'the keyword model broke' },
        ],
      });
    } finally {
      await backend.stop();
    }
  });

  it('refuses to start when a module takes the id of another model', async () => {
    await expect(
      startTestBackend({
        features: [
          workflowsPlugin,
          moduleAdding({ ...keywordModel, id: 'local-sentiment' }),
          config(address),
        ],
      }),
    ).rejects.toThrow(/two models have the id "local-sentiment"/);
  });
});
