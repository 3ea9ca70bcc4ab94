import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';

/** The WCAG 2.1 A and AA rules, which is what we hold every page to. */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Finding = {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
};

/**
 * Runs axe on what the page shows now (or inside `scope`) and returns its
 * serious and critical findings, each told with where it was seen.
 */
export async function seriousViolations(
  page: Page,
  where: string,
  scope?: string,
): Promise<Finding[]> {
  let builder = new AxeBuilder({ page }).withTags(tags);
  if (scope) builder = builder.include(scope);
  const results = await builder.analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      where,
      rule: v.id,
      impact: v.impact!,
      help: v.help,
      targets: v.nodes.slice(0, 5).map(n => {
        const contrast = n.any.find(c => c.id === 'color-contrast')?.data as
          | { fgColor?: string; bgColor?: string; contrastRatio?: number }
          | undefined;
        return contrast?.fgColor
          ? `${n.target.join(' ')} (${contrast.fgColor} on ${
              contrast.bgColor
            }: ${contrast.contrastRatio})`
          : n.target.join(' ');
      }),
    }));
}

/** One readable line per finding, for the failure message. */
export function describeFindings(findings: Finding[]): string {
  return findings
    .map(
      f =>
        `${f.where}: [${f.impact}] ${f.rule} (${f.help}) at ${f.targets.join(
          ', ',
        )}`,
    )
    .join('\n');
}
