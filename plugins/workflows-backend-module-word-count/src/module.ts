import {
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { createPermission } from '@backstage/plugin-permission-common';
import { workflowTypesExtensionPoint } from '@ai-ops-console/backstage-plugin-workflows-node';
import { createWordCountActivities } from './activities';

/**
 * Who may start word counts, besides `workflows.execution.start`. A plugin
 * with a frontend declares it in its -common package, so that the frontend
 * can check it too.
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
          // by package path, and the file listed in package.json "files":
          // a built package has no ./workflows beside its compiled code
          workflowsPath: resolvePackagePath(
            '@ai-ops-console/backstage-plugin-workflows-backend-module-word-count',
            'src/workflows.ts',
          ),
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
