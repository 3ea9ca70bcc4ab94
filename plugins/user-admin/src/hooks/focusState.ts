/**
 * Navigation state asking the page navigated to to focus its heading: the
 * control that navigated (Create role in a dialog, Delete role) is gone with
 * the page it was on, and the focus would otherwise fall back to the body.
 */
export const FOCUS_HEADING = { focusHeading: true } as const;

/** Whether a location's state is {@link FOCUS_HEADING}. */
export function wantsHeadingFocus(state: unknown): boolean {
  return (
    typeof state === 'object' &&
    state !== null &&
    (state as { focusHeading?: unknown }).focusHeading === true
  );
}
