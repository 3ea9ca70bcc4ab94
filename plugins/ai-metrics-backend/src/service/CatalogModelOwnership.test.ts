import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogModelOwnership } from './CatalogModelOwnership';

const model = (
  name: string,
  spec: Record<string, unknown>,
  extra: { namespace?: string; annotations?: Record<string, string> } = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, ...extra },
  spec: { type: 'ai-model', ...spec },
});

describe('CatalogModelOwnership', () => {
  it('reads owners of ai-model resources, by name or by annotation', async () => {
    const ownership = new CatalogModelOwnership({
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      catalog: catalogServiceMock({
        entities: [
          model('gpt-4o', { owner: 'team-a' }),
          model('gpt-4o', { owner: 'user:alice' }, { namespace: 'ml' }),
          model(
            'llama-3-1-8b',
            { owner: 'group:ml/platform' },
            { annotations: { 'ai-metrics/model-name': 'meta/Llama-3.1-8B' } },
          ),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'claude' },
            spec: { type: 'database', owner: 'team-b' },
          },
        ],
      }),
    });
    const models = await ownership.getModels([
      'gpt-4o',
      'meta/Llama-3.1-8B',
      'claude',
    ]);
    expect(models).toEqual([
      {
        name: 'gpt-4o',
        owners: ['group:default/team-a', 'user:ml/alice'],
      },
      { name: 'meta/Llama-3.1-8B', owners: ['group:ml/platform'] },
      // not an ai-model resource: no owner, so no conditional access
      { name: 'claude', owners: [] },
    ]);
  });

  it('does not call the catalog for no models', async () => {
    const catalog = catalogServiceMock.mock();
    const ownership = new CatalogModelOwnership({
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      catalog,
    });
    expect(await ownership.getModels([])).toEqual([]);
    expect(catalog.getEntities).not.toHaveBeenCalled();
  });
});
