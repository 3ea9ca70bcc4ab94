import { createBackendModule } from '@backstage/backend-plugin-api';
import { createPermission } from '@backstage/plugin-permission-common';
import { workflowTypesExtensionPoint } from '../../extensions';
import { createWordCountActivities } from './activities';

/**
 * Who may start word counts, besides `workflows.execution.start`. A plugin
 * declares it in its -common package so that frontends can check it too.
 */
export const wordCountStartPermission = createPermission({
  name: 'example.word-count.start',
  attributes: { action: 'create' },
});

/**
 * The worked example of docs/plugin-author-guide.md: a backend module that
 * adds the `wordCount` workflow type to the console.
 */
export const workflowsModuleWordCount = createBackendModule({
  pluginId: 'workflows',
  moduleId: 'word-count',
  register(reg) {
    reg.registerInit({
      deps: { workflowTypes: workflowTypesExtensionPoint },
      async init({ workflowTypes }) {
        workflowTypes.addWorkflowType({
          name: 'wordCount',
          title: 'Word count',
          description: 'Counts the words of some documents.',
          workflowsPath: require.resolve('./workflows'),
          activities: createWordCountActivities(),
          startPermission: wordCountStartPermission,
          inputSchema: {
            type: 'object',
            required: ['documents'],
            additionalProperties: false,
            properties: {
              documents: {
                type: 'array',
                title: 'Documents',
                minItems: 1,
                maxItems: 100,
                items: { type: 'string', maxLength: 100000 },
              },
            },
          },
        });
      },
    });
  },
});
