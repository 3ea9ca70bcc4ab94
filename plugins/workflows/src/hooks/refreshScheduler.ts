/** Pings closer together than this ask for one refresh. */
export const REFRESH_SETTLE_MS = 250;
/** At most one refresh this often, however many pings arrive. */
export const REFRESH_INTERVAL_MS = 1000;

/**
 * Turns pings ("something changed") into refreshes: one after a burst has
 * settled, and never two within the interval. A ping during the wait joins
 * the refresh already planned.
 */
export function createRefreshScheduler(options: {
  refresh(): void;
  settleMs?: number;
  intervalMs?: number;
}) {
  const settleMs = options.settleMs ?? REFRESH_SETTLE_MS;
  const intervalMs = options.intervalMs ?? REFRESH_INTERVAL_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRefresh = -Infinity;
  return {
    ping() {
      if (timer !== undefined) return;
      const wait = Math.max(settleMs, lastRefresh + intervalMs - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRefresh = Date.now();
        options.refresh();
      }, wait);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
