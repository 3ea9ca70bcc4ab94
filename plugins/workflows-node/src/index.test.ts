import * as pkg from './index';

// Modules compiled against one version of this package find the plugin of
// another by these ids: changing one disconnects every published module.
describe('the package entry point', () => {
  it('exports the extension points under their stable ids', () => {
    expect(pkg.workflowTypesExtensionPoint.id).toBe('workflows.types');
    expect(pkg.workflowModelsExtensionPoint.id).toBe('workflows.models');
  });
});
