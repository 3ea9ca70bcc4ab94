import { coreApis } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { act } from '@testing-library/react';
import { themeModule } from '.';

describe('the theme module in the app', () => {
  it("replaces the app's light and dark themes", async () => {
    const { apis } = renderTestApp({ features: [themeModule] });
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    const themes = apis.get(coreApis.appTheme)!.getInstalledThemes();
    expect(themes.map(t => t.id).sort()).toEqual(['dark', 'light']);
  });
});
