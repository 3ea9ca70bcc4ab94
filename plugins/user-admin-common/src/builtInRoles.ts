import { Role } from './types';

/**
 * The roles every console starts with. Their grants can be changed; the
 * roles themselves cannot be deleted. `$user` and `$ownership` are filled in
 * with the caller's refs when the policy decides.
 * @public
 */
export const BUILT_IN_ROLES: Array<Omit<Role, 'members'>> = [
  {
    name: 'admin',
    title: 'Admin',
    description: 'May do everything, in every plugin.',
    builtIn: true,
    grants: [{ permission: '*', effect: 'allow' }],
  },
  {
    name: 'operator',
    title: 'Operator',
    description:
      'Runs AI workflows and reads all metrics; cancels, terminates and signals only the workflows they started; approves or rejects promotions that someone else started.',
    builtIn: true,
    grants: [
      { permission: 'catalog.entity.read', effect: 'allow' },
      { permission: 'workflows.execution.read', effect: 'allow' },
      { permission: 'workflows.execution.start', effect: 'allow' },
      { permission: 'workflows.execution.batch', effect: 'allow' },
      // four eyes: the workflows backend refuses a decision by the starter
      { permission: 'workflows.promotion.approve', effect: 'allow' },
      ...(['signal', 'cancel', 'terminate'] as const).map(action => ({
        permission: `workflows.execution.${action}`,
        effect: 'conditional' as const,
        condition: {
          rule: 'IS_STARTED_BY',
          pluginId: 'workflows',
          resourceType: 'workflow-execution',
          params: { userRefs: ['$user'] },
        },
      })),
      { permission: 'ai-metrics.model.read', effect: 'allow' },
      { permission: 'ai-metrics.event.ingest', effect: 'allow' },
    ],
  },
  {
    name: 'viewer',
    title: 'Viewer',
    description:
      'Reads workflows and the catalog; reads metrics only of models their groups own.',
    builtIn: true,
    grants: [
      { permission: 'catalog.entity.read', effect: 'allow' },
      { permission: 'workflows.execution.read', effect: 'allow' },
      {
        permission: 'ai-metrics.model.read',
        effect: 'conditional',
        condition: {
          rule: 'IS_OWNED_BY',
          pluginId: 'ai-metrics',
          resourceType: 'ai-model',
          params: { claims: ['$ownership'] },
        },
      },
    ],
  },
];
