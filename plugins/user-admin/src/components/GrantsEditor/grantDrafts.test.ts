import { RoleGrant } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  emptyDraft,
  fromDrafts,
  permissionSuggestions,
  toDrafts,
} from './grantDrafts';

describe('grant drafts', () => {
  it('round-trips grants', () => {
    const grants: RoleGrant[] = [
      { permission: '*', effect: 'allow' },
      { permission: 'workflows.*', action: 'read', effect: 'allow' },
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
    ];
    expect(fromDrafts(toDrafts(grants)).grants).toEqual(grants);
  });

  it('names what is missing or malformed, per draft', () => {
    const blank = emptyDraft();
    const conditional = {
      ...emptyDraft(),
      permission: 'x.y',
      effect: 'conditional' as const,
      params: '[1]',
    };
    const { grants, problems } = fromDrafts([blank, conditional]);
    expect(grants).toBeUndefined();
    expect(problems[blank.key]).toEqual({
      permission: expect.stringMatching(/Name a permission/),
    });
    expect(Object.keys(problems[conditional.key]).sort()).toEqual([
      'params',
      'pluginId',
      'resourceType',
      'rule',
    ]);
  });

  it('suggests names and the globs above them', () => {
    expect(
      permissionSuggestions([
        {
          type: 'basic',
          name: 'user-admin.user.read',
          attributes: { action: 'read' },
        },
      ]),
    ).toEqual([
      'user-admin.user.read',
      '*',
      'user-admin.*',
      'user-admin.user.*',
    ]);
  });
});
