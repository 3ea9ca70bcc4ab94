import {
  createRefreshScheduler,
  REFRESH_INTERVAL_MS,
  REFRESH_SETTLE_MS,
} from './refreshScheduler';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('createRefreshScheduler', () => {
  it('refreshes once for a burst of pings, once it has settled', () => {
    const refresh = jest.fn();
    const scheduler = createRefreshScheduler({ refresh });
    for (let i = 0; i < 20; i++) {
      scheduler.ping();
      jest.advanceTimersByTime(10);
    }
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(REFRESH_SETTLE_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10 * REFRESH_INTERVAL_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes at most once a second under a steady stream of pings', () => {
    const refresh = jest.fn();
    const scheduler = createRefreshScheduler({ refresh });
    // a ping every 100 ms for 5 s
    for (let t = 0; t < 5000; t += 100) {
      scheduler.ping();
      jest.advanceTimersByTime(100);
    }
    const calls = refresh.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('refreshes for a ping after a quiet time without waiting the interval', () => {
    const refresh = jest.fn();
    const scheduler = createRefreshScheduler({ refresh });
    scheduler.ping();
    jest.advanceTimersByTime(REFRESH_SETTLE_MS);
    jest.advanceTimersByTime(5 * REFRESH_INTERVAL_MS);
    scheduler.ping();
    jest.advanceTimersByTime(REFRESH_SETTLE_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('refreshes no more once disposed', () => {
    const refresh = jest.fn();
    const scheduler = createRefreshScheduler({ refresh });
    scheduler.ping();
    scheduler.dispose();
    jest.advanceTimersByTime(10 * REFRESH_INTERVAL_MS);
    expect(refresh).not.toHaveBeenCalled();
  });
});
