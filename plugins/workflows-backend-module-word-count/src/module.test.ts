import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
// the test runs the real plugin the module extends; the module itself
// imports only the -node package
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import workflowsPlugin from '@ai-ops-console/backstage-plugin-workflows-backend';
import workflowsModuleWordCount from './index';

// The plugin-author guide's worked example, run for real: the module adds a
// type through the extension point of the -node package, the console's
// worker bundles its workflow code (found by package path, as a built
// package finds it) and runs it against the Temporal dev server
// (TEMPORAL_ADDRESS), the API starts it.
jest.setTimeout(60_000);

describe('workflowsModuleWordCount (docs/plugin-author-guide.md)', () => {
  it('adds a workflow type that the API lists, validates, starts and completes', async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address)
      throw new Error('TEMPORAL_ADDRESS must point at a Temporal server');
    const denied = new Set<string>();
    const backend = await startTestBackend({
      features: [
        workflowsPlugin,
        workflowsModuleWordCount,
        mockServices.rootConfig.factory({
          data: {
            workflows: {
              temporal: {
                address,
                taskQueue: `example-${randomUUID()}`,
                registerSearchAttributes: true,
              },
              liveUpdates: { enabled: false },
            },
          },
        }),
        mockServices.permissions.mock({
          async authorize(requests) {
            return requests.map(r => ({
              result: denied.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            }));
          },
          async authorizeConditional(requests) {
            return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
        }).factory,
      ],
    });
    const server = backend.server;
    try {
      const types = await request(server).get('/api/workflows/types');
      expect(types.body.items.map((t: any) => t.name)).toContain('wordCount');

      const bad = await request(server)
        .post('/api/workflows/executions')
        .send({ type: 'wordCount', input: { documents: [] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /\/documents must NOT have fewer than 1 items/,
      );

      const started = await request(server)
        .post('/api/workflows/executions')
        .send({
          type: 'wordCount',
          input: { documents: ['one two three', 'four five'] },
        });
      expect(started.status).toBe(201);
      let detail: any;
      for (let i = 0; i < 150; i++) {
        detail = (
          await request(server).get(
            `/api/workflows/executions/${started.body.workflowId}`,
          )
        ).body;
        if (detail.status === 'Completed') break;
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(detail.result).toEqual({ documents: 2, words: 5, longest: 3 });

      // the type's own start permission is enforced
      denied.add('example.word-count.start');
      const refused = await request(server)
        .post('/api/workflows/executions')
        .send({ type: 'wordCount', input: { documents: ['x'] } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/example.word-count.start/);
    } finally {
      await backend.stop();
    }
  });
});
