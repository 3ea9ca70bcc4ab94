import { ConfigReader } from '@backstage/config';
import { readAiMetricsOptions } from './config';

const read = (aiMetrics?: object) =>
  readAiMetricsOptions(new ConfigReader(aiMetrics ? { aiMetrics } : {}));

describe('readAiMetricsOptions', () => {
  it('has the documented defaults', () => {
    expect(read()).toEqual({
      ingest: {
        maxBatchSize: 1000,
        maxBodySize: '1mb',
        maxInFlightBatches: 8,
        retryAfterSeconds: 1,
      },
      retention: {
        rawEventsMs: 7 * 86_400_000,
        minuteRollupsMs: 30 * 86_400_000,
        hourRollupsMs: 365 * 86_400_000,
        schedule: {
          frequency: { hours: 1 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 1 },
        },
      },
      prometheus: {
        access: 'permission',
        token: undefined,
        maxModels: 100,
        maxLabelValues: 20,
      },
      query: { maxPoints: 1500 },
    });
  });

  it('reads durations as strings, ISO durations or objects', () => {
    const options = read({
      retention: {
        rawEvents: '2d',
        minuteRollups: 'P14D',
        hourRollups: { days: 90, hours: 12 },
        schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
      },
    });
    expect(options.retention).toMatchObject({
      rawEventsMs: 2 * 86_400_000,
      minuteRollupsMs: 14 * 86_400_000,
      hourRollupsMs: 90 * 86_400_000 + 12 * 3_600_000,
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
    });
  });

  it("reads the former 'authenticated' scrape access as 'permission', which no longer lets any user in", () => {
    expect(
      read({ prometheus: { access: 'authenticated' } }).prometheus,
    ).toMatchObject({
      access: 'permission',
    });
  });

  it('refuses invalid values at startup', () => {
    expect(() => read({ prometheus: { access: 'open' } })).toThrow(
      /permission, token or public/,
    );
    expect(() => read({ prometheus: { access: 'open' } })).toThrow(/got open/);
    expect(() => read({ prometheus: { access: 'token' } })).toThrow(
      /prometheus.token is not set/,
    );
    expect(() => read({ ingest: { maxInFlightBatches: 0 } })).toThrow(
      /positive integer/,
    );
    expect(() => read({ retention: { rawEvents: 'soon' } })).toThrow(
      /Invalid duration/,
    );
    expect(
      read({ prometheus: { access: 'token', token: 't' } }).prometheus.token,
    ).toBe('t');
  });
});
