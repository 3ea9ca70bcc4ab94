import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiMetricsIngestPermission,
  aiMetricsReadPermission,
} from '@internal/backstage-plugin-ai-metrics-common';
import {
  aiModelConditions,
  createAiModelConditionalDecision,
} from '../permissions/rules';
import {
  aiModelRuleset,
  ownershipOf,
  permissionsAnswering,
} from '../__testUtils__/routerHarness';
import { AccessControl } from './AccessControl';

const ownership = ownershipOf({
  'gpt-4o': ['group:default/team-a'],
  claude: ['group:default/team-b'],
  mistral: ['user:default/alice', 'group:default/team-b'],
});
const knownModels = async () => ['claude', 'gpt-4o', 'mistral', 'orphan'];
const credentials = mockCredentials.user('user:default/alice');

function accessWith(
  permissions = permissionsAnswering({}),
  scrape: ConstructorParameters<typeof AccessControl>[0]['scrape'] = {
    access: 'permission',
  },
) {
  return new AccessControl({
    httpAuth: mockServices.httpAuth(),
    permissions,
    ruleset: aiModelRuleset,
    ownership,
    knownModels,
    scrape,
  });
}

describe('AccessControl', () => {
  it('filters models by the conditions of the policy', async () => {
    const decision = createAiModelConditionalDecision(aiMetricsReadPermission, {
      anyOf: [
        aiModelConditions.isOwnedBy({ claims: ['group:default/TEAM-A'] }),
        aiModelConditions.isOwnedBy({ claims: ['user:default/alice'] }),
      ],
    });
    const scope = await accessWith(
      permissionsAnswering({ read: decision }),
    ).readScope({ credentials });
    expect(await scope.resolve()).toEqual(['gpt-4o', 'mistral']);
    expect(await scope.resolve(['mistral'])).toEqual(['mistral']);
    await expect(scope.resolve(['gpt-4o', 'claude'])).rejects.toThrow(
      'not allowed to read metrics of model claude',
    );
  });

  it('applies not and allOf criteria too', async () => {
    const decision = createAiModelConditionalDecision(aiMetricsReadPermission, {
      allOf: [
        aiModelConditions.isOwnedBy({ claims: ['group:default/team-b'] }),
        {
          not: aiModelConditions.isOwnedBy({ claims: ['user:default/alice'] }),
        },
      ],
    });
    const scope = await accessWith(
      permissionsAnswering({ read: decision }),
    ).readScope({ credentials });
    expect(await scope.resolve()).toEqual(['claude']);
  });

  it('leaves every model readable on ALLOW and refuses on DENY', async () => {
    const all = await accessWith().readScope({ credentials });
    expect(await all.resolve()).toBeUndefined();
    expect(await all.resolve(['x'])).toEqual(['x']);
    await expect(
      accessWith(
        permissionsAnswering({ read: { result: AuthorizeResult.DENY } }),
      ).readScope({ credentials }),
    ).rejects.toThrow('ai-metrics.model.read is required');
  });

  it('checks basic permissions with the caller credentials', async () => {
    const permissions = permissionsAnswering({ basic: AuthorizeResult.DENY });
    await expect(
      accessWith(permissions).authorize({
        credentials,
        permission: aiMetricsIngestPermission,
      }),
    ).rejects.toThrow('ai-metrics.event.ingest is required');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: aiMetricsIngestPermission }],
      { credentials },
    );
  });
});
