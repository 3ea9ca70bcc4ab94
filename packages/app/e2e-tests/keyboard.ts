import { expect, Locator, Page } from '@playwright/test';

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user
 * would; fails when it is not reached within `max` presses (a trap, or a
 * control that cannot take the focus). Then checks the focus is visible.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { max = 80, backwards = false } = {},
) {
  await expect(target).toBeVisible();
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    const focused = await page.evaluate(
      el => document.activeElement === el,
      handle,
    );
    if (focused) {
      await expectVisibleFocus(page);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${target} was not reached with ${max} presses of ${
      backwards ? 'Shift+Tab' : 'Tab'
    } (focus is on ${await describeFocus(page)})`,
  );
}

/** A short description of the focused element, for messages. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'the page body';
    const name =
      el.getAttribute('aria-label') ??
      el.textContent?.trim().slice(0, 40) ??
      '';
    return `<${el.tagName.toLowerCase()}> "${name}"`;
  });
}

/** The focused element shows that it has the focus (an outline or ring). */
export async function expectVisibleFocus(page: Page) {
  const indicator = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'nothing focused';
    if (!el.matches(':focus-visible')) return 'focus not visible';
    const visible = (node: Element) => {
      const s = getComputedStyle(node);
      const outline = s.outlineStyle !== 'none' && s.outlineWidth !== '0px';
      return outline || s.boxShadow !== 'none';
    };
    if (visible(el)) return 'ok';
    // MUI draws a text field's focus on its outline, around the input (under
    // a nested theme, as the console's pages have, its class names carry a
    // suffix: MuiInputBase-root-123)
    const field = el.closest('[class*="MuiInputBase-root"].Mui-focused');
    if (field) return 'ok';
    return `no focus indicator on <${el.tagName.toLowerCase()}>`;
  });
  expect(indicator, await describeFocus(page)).toBe('ok');
}

/** The focus is on `target` (e.g. after a dialog closed). */
export async function expectFocusOn(page: Page, target: Locator) {
  const handle = await target.elementHandle();
  await expect
    .poll(() => page.evaluate(el => document.activeElement === el, handle), {
      message: `focus should be on ${target}`,
    })
    .toBe(true);
}

/** The focus is somewhere on the page, not lost to the body. */
export async function expectFocusKept(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          !!document.activeElement && document.activeElement !== document.body,
      ),
    )
    .toBe(true);
}
