import * as pkg from './index';

// What an app's backend imports from the package (docs/plugin-author-guide.md);
// modules import the extension points from the -node package instead.
describe('the package entry point', () => {
  it('exports the plugin and nothing for modules to reach into', () => {
    expect(pkg.default).toBeDefined();
    expect(Object.keys(pkg)).toEqual(['default']);
  });
});
