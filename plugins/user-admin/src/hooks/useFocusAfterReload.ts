import { RefObject, useCallback, useEffect, useRef } from 'react';

/**
 * Keeps the keyboard focus on the page after an action that reloads it.
 *
 * MUI's Dialog returns the focus to the button that opened it, but the reload
 * after the action can remove that button: the row of a deleted user, the
 * Revoke button of a revoked session, a row that no longer matches the
 * filters. Once the reloaded data has arrived and no dialog is open, a focus
 * that fell out of the page (onto the body, or into the dialog that closed)
 * goes to `target` instead, typically the page's heading with tabIndex -1.
 * A focus still on the page (the opener survived the reload) is left alone.
 *
 * Returns the function to call when the action succeeded, before reloading.
 */
export function useFocusAfterReload(options: {
  /** Takes the focus when it is lost: a heading with tabIndex -1. */
  target: RefObject<HTMLElement>;
  /** The page; a focus outside it counts as lost. */
  page: RefObject<HTMLElement>;
  /** The data the reload replaces: a new value means it has arrived. */
  data: unknown;
  /** While a dialog is open, the focus is the dialog's business. */
  dialogOpen: boolean;
}): () => void {
  const { target, page, data, dialogOpen } = options;
  const latest = useRef(data);
  latest.current = data;
  // the data when the action succeeded, while a reload is awaited
  const awaited = useRef<{ data: unknown }>();

  useEffect(() => {
    if (!awaited.current || dialogOpen || data === awaited.current.data) {
      return;
    }
    awaited.current = undefined;
    const active = document.activeElement;
    if (!active || !page.current?.contains(active)) {
      target.current?.focus();
    }
  }, [data, dialogOpen, target, page]);

  return useCallback(() => {
    awaited.current = { data: latest.current };
  }, []);
}
