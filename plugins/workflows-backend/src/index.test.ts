import * as pkg from './index';

// What plugin authors import from the package (docs/plugin-author-guide.md).
describe('the package entry point', () => {
  it('exports the plugin and the extension point for workflow types', () => {
    expect(pkg.default).toBeDefined();
    expect(pkg.workflowTypesExtensionPoint.id).toBe('workflows.types');
  });
});
