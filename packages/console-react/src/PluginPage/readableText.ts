import { Theme } from '@material-ui/core';
import {
  darken,
  decomposeColor,
  getContrastRatio,
  getLuminance,
  lighten,
  recomposeColor,
} from '@material-ui/core/styles';

/** WCAG 2 AA for body text. */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The theme with `text.secondary` moved just far enough from the page
 * background to be read at AA: darker on a light page, lighter on a dark
 * one. A theme whose secondary text already passes comes back as it is (the
 * same object), so that nothing downstream restyles.
 *
 * The background is the theme's `background.default` unless the page shows
 * another: a stock app paints its body with Backstage UI's `--bui-bg-app`
 * (#f5f5f5), on which MUI's secondary text (black at 54%, #717171 there) is
 * 4.47:1, so filter labels and captions fail although the theme's own
 * #F8F8F8 would pass.
 */
/**
 * A translucent colour as it shows over an opaque background: MUI's palettes
 * give text as black or white with an alpha, which getContrastRatio ignores.
 */
function over(color: string, background: string): string {
  const fg = decomposeColor(color);
  const alpha = fg.type.endsWith('a') ? fg.values[3] ?? 1 : 1;
  if (alpha >= 1) return color;
  const bg = decomposeColor(background).values;
  const values = [0, 1, 2].map(i =>
    Math.round(fg.values[i] * alpha + bg[i] * (1 - alpha)),
  );
  return recomposeColor({ type: 'rgb', values: values as any });
}

export function withReadableSecondaryText(
  theme: Theme,
  background: string = theme.palette.background.default,
): Theme {
  const secondary = over(theme.palette.text.secondary, background);
  if (getContrastRatio(secondary, background) >= MIN_TEXT_CONTRAST) {
    return theme;
  }
  const shift = getLuminance(background) > 0.5 ? darken : lighten;
  let readable = secondary;
  // in steps of 2%, so the colour moves no further than it has to
  for (let step = 1; step <= 50; step++) {
    readable = shift(secondary, step / 50);
    if (getContrastRatio(readable, background) >= MIN_TEXT_CONTRAST) break;
  }
  return {
    ...theme,
    palette: {
      ...theme.palette,
      text: { ...theme.palette.text, secondary: readable },
    },
  };
}
