import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiMetricsAdminPermission,
  aiMetricsIngestPermission,
  aiMetricsReadPermission,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  aiModelConditions,
  createAiModelConditionalDecision,
} from '../permissions/rules';
import {
  aiModelRuleset,
  ownershipOf,
  permissionsAnswering,
} from '../__testUtils__/routerHarness';
import { AuditTrail, PermissionGate } from '@ai-ops-console/console-node';
import { AccessControl } from './AccessControl';
import { ProducerModels } from './producer';

const ownership = ownershipOf({
  'gpt-4o': ['group:default/team-a'],
  claude: ['group:default/team-b'],
  mistral: ['user:default/alice', 'group:default/team-b'],
});
const knownModels = async () => ['claude', 'gpt-4o', 'mistral', 'orphan'];
const credentials = mockCredentials.user('user:default/alice');
const auditor = mockServices.auditor.mock();
beforeEach(() => auditor.createEvent.mockClear());

function accessWith(
  permissions = permissionsAnswering({}),
  scrape: ConstructorParameters<typeof AccessControl>[0]['scrape'] = {
    access: 'permission',
  },
) {
  return new AccessControl({
    httpAuth: mockServices.httpAuth(),
    gate: new PermissionGate({
      permissions,
      audit: new AuditTrail({ auditor }),
      logger: mockServices.logger.mock(),
    }),
    ruleset: aiModelRuleset,
    ownership,
    knownModels,
    scrape,
    producers: new ProducerModels(
      new Map([['external:gateway', ['gpt-*', 'mistral']]]),
    ),
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
    ).rejects.toThrow('you may not use ai-metrics.model.read');
    // a refused read is someone's page without access, not an attempt
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });

  it('checks basic permissions with the caller credentials', async () => {
    const permissions = permissionsAnswering({ basic: AuthorizeResult.DENY });
    await expect(
      accessWith(permissions).gate.require(
        credentials,
        aiMetricsAdminPermission,
      ),
    ).rejects.toThrow('you may not use ai-metrics.admin');
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: aiMetricsAdminPermission }],
      { credentials },
    );
  });

  it('lets a token with access restrictions reach only routes that check its permissions', () => {
    const access = accessWith();
    expect(() =>
      access.requireUnrestricted(
        mockCredentials.service('llm-gateway', {
          permissionNames: ['ai-metrics.event.ingest'],
        }),
      ),
    ).toThrow('this token is restricted to some permissions');
    for (const caller of [credentials, mockCredentials.service('reporting')]) {
      expect(() => access.requireUnrestricted(caller)).not.toThrow();
    }
  });

  describe('ingestScope', () => {
    const ownedByAlice = createAiModelConditionalDecision(
      aiMetricsIngestPermission,
      aiModelConditions.isOwnedBy({ claims: ['user:default/alice'] }),
    );

    it('lets a user write the models its decision allows, by catalog ownership', async () => {
      const scope = await accessWith(
        permissionsAnswering({ ingest: ownedByAlice }),
      ).ingestScope({ credentials });
      expect(scope.producer).toBe('user:default/alice');
      await expect(scope.authorize(['mistral'])).resolves.toBeUndefined();
      await expect(
        scope.authorize(['mistral', 'gpt-4o', 'orphan', 'gpt-4o']),
      ).rejects.toThrow(
        'not allowed to ingest metrics of model gpt-4o, orphan',
      );
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'permission-denied',
        severityLevel: 'medium',
        meta: {
          actor: 'user:default/alice',
          permission: 'ai-metrics.event.ingest',
          resourceRef: 'gpt-4o, orphan',
        },
      });
    });

    it('lets a service write the models aiMetrics.ingest.producers gives it, and refuses a service it does not list before any body', async () => {
      const access = accessWith();
      const gateway = await access.ingestScope({
        credentials: mockCredentials.service('external:gateway'),
      });
      expect(gateway.producer).toBe('external:gateway');
      await expect(
        gateway.authorize(['gpt-4o', 'mistral']),
      ).resolves.toBeUndefined();
      await expect(gateway.authorize(['claude'])).rejects.toThrow(
        'external:gateway may not ingest metrics of model claude (aiMetrics.ingest.producers)',
      );
      await expect(
        access.ingestScope({
          credentials: mockCredentials.service('plugin:catalog'),
        }),
      ).rejects.toThrow(
        'plugin:catalog may not ingest metrics: it is not a producer of aiMetrics.ingest.producers',
      );
    });

    it('refuses before any body when the policy or the token denies ingest', async () => {
      await expect(
        accessWith(
          permissionsAnswering({ ingest: { result: AuthorizeResult.DENY } }),
        ).ingestScope({
          credentials: mockCredentials.service('external:gateway'),
        }),
      ).rejects.toThrow('you may not use ai-metrics.event.ingest');
    });

    it('names at most ten refused models', async () => {
      const scope = await accessWith(
        permissionsAnswering({ ingest: { result: AuthorizeResult.ALLOW } }),
      ).ingestScope({
        credentials: mockCredentials.service('external:gateway'),
      });
      const many = Array.from({ length: 12 }, (_, i) => `m${i + 10}`);
      await expect(scope.authorize(many)).rejects.toThrow(
        /model m10, m11, .*, m19 and 2 more \(aiMetrics/,
      );
    });
  });
});
