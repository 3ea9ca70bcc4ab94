import { Link } from '@backstage/core-components';
import { darkTheme, lightTheme } from '@backstage/theme';
import { Typography, useTheme } from '@material-ui/core';
import {
  decomposeColor,
  getContrastRatio,
  recomposeColor,
  ThemeProvider,
} from '@material-ui/core/styles';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '../testUtils';
import { PluginPage } from './PluginPage';
import { MIN_TEXT_CONTRAST, withReadableSecondaryText } from './readableText';

/** The contrast as the reader sees it: translucent text over the page. */
const contrastOf = (
  theme: typeof lightTheme,
  background = theme.palette.background.default,
) => {
  const page = decomposeColor(background).values;
  const text = decomposeColor(theme.palette.text.secondary);
  const alpha = text.values[3] ?? 1;
  const shown = recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(text.values[i] * alpha + page[i] * (1 - alpha)),
    ) as any,
  });
  return getContrastRatio(shown, background);
};

describe('withReadableSecondaryText', () => {
  it('darkens the light theme’s secondary text on the #f5f5f5 a stock app paints', () => {
    const onStockPage = (theme: typeof lightTheme) =>
      contrastOf(theme, 'rgb(245, 245, 245)');
    expect(onStockPage(lightTheme)).toBeLessThan(MIN_TEXT_CONTRAST);
    const readable = withReadableSecondaryText(
      lightTheme,
      'rgb(245, 245, 245)',
    );
    expect(onStockPage(readable)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    // no further than needed: still far from the primary text
    expect(onStockPage(readable)).toBeLessThan(5);
    expect(readable.palette.text.primary).toBe(lightTheme.palette.text.primary);
    expect(readable.page).toBe(lightTheme.page);
  });

  it('keeps the light theme’s secondary text on its own background, where it passes', () => {
    expect(contrastOf(lightTheme)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(withReadableSecondaryText(lightTheme)).toBe(lightTheme);
  });

  it('leaves the dark theme, which already reads at AA, as it is', () => {
    expect(contrastOf(darkTheme)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(withReadableSecondaryText(darkTheme)).toBe(darkTheme);
  });

  it('lightens secondary text that is too dark for a dark page', () => {
    const dim = {
      ...darkTheme,
      palette: {
        ...darkTheme.palette,
        text: { ...darkTheme.palette.text, secondary: '#666666' },
      },
    };
    expect(contrastOf(withReadableSecondaryText(dim))).toBeGreaterThanOrEqual(
      MIN_TEXT_CONTRAST,
    );
  });
});

/**
 * The style rules that underline an element. jsdom's computed style knows no
 * specificity, so the test looks for the rule itself (`.x p a` outranks MUI
 * Link's `.MuiLink-underlineHover` in a browser).
 */
function underlinedBy(element: Element) {
  return Array.from(document.styleSheets)
    .flatMap(sheet => Array.from(sheet.cssRules))
    .filter(
      (rule): rule is CSSStyleRule =>
        rule instanceof CSSStyleRule &&
        rule.style.textDecoration === 'underline' &&
        element.matches(rule.selectorText),
    );
}

function SecondaryColour() {
  return <p>secondary {useTheme().palette.text.secondary}</p>;
}

describe('PluginPage', () => {
  afterEach(() => document.body.style.removeProperty('background-color'));

  it('gives its content secondary text readable on the app’s background, and underlines links in running text', async () => {
    document.body.style.backgroundColor = '#f5f5f5';
    renderInTestApp(
      <ThemeProvider theme={lightTheme}>
        <PluginPage title="Workflows">
          <SecondaryColour />
          <Typography>
            See the <Link to="/docs">OpenAPI document</Link>.
          </Typography>
        </PluginPage>
      </ThemeProvider>,
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Workflows' }),
    ).toBeInTheDocument();
    const expected = withReadableSecondaryText(lightTheme, 'rgb(245, 245, 245)')
      .palette.text.secondary;
    expect(expected).not.toBe(lightTheme.palette.text.secondary);
    expect(
      await screen.findByText(`secondary ${expected}`),
    ).toBeInTheDocument();
    expect(
      underlinedBy(screen.getByRole('link', { name: 'OpenAPI document' })),
    ).not.toHaveLength(0);
  });

  it('leaves the h1 to the host when it draws the header', async () => {
    renderInTestApp(
      <PluginPage title="Workflows" header={false}>
        <p>content</p>
      </PluginPage>,
    );
    expect(await screen.findByText('content')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });
});
