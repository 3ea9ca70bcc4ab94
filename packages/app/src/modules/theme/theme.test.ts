import { consoleDarkTheme, consoleLightTheme } from './index';

/** WCAG relative luminance of an sRGB colour (alpha blended onto `under`). */
function luminance(rgb: number[]) {
  const [r, g, b] = rgb.map(c => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parse(color: string): number[] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgba = /^rgba?\(([^)]+)\)$/.exec(color);
  if (!rgba) throw new Error(`cannot read colour ${color}`);
  const [r, g, b, a = '1'] = rgba[1].split(',').map(s => s.trim());
  return [Number(r), Number(g), Number(b), Number(a)];
}

function contrast(foreground: string, background: string) {
  const bg = parse(background);
  const [r, g, b, a] = parse(foreground);
  const blended = [r, g, b].map((c, i) => c * a + bg[i] * (1 - a));
  const [l1, l2] = [luminance(blended), luminance(bg.slice(0, 3))].sort(
    (x, y) => y - x,
  );
  return (l1 + 0.05) / (l2 + 0.05);
}

describe.each([
  ['light', consoleLightTheme],
  ['dark', consoleDarkTheme],
])('the console %s theme', (_name, theme) => {
  const { palette } = theme.getTheme('v4')!;

  it('gives secondary text (labels, helper text) WCAG AA contrast', () => {
    for (const background of [
      palette.background.default,
      palette.background.paper,
    ]) {
      expect(
        contrast(palette.text.secondary, background),
      ).toBeGreaterThanOrEqual(4.5);
      expect(contrast(palette.text.primary, background)).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });
});
