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
        bodyTimeoutMs: 10_000,
        maxInFlightBatches: 8,
        retryAfterSeconds: 1,
        producers: new Map([['plugin:workflows', ['local-sentiment']]]),
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

  it('reads the producers and their models; the workflows plugin records the models the console runs', () => {
    const root = new ConfigReader({
      aiMetrics: {
        ingest: {
          bodyTimeout: { seconds: 3 },
          producers: [
            { subject: 'external:gateway', models: ['gpt-*', 'claude-*'] },
            { subject: 'bench-producer', models: ['*'] },
          ],
        },
      },
      workflows: { models: [{ id: 'gpt-4o-mini', baseUrl: 'x', model: 'y' }] },
    });
    const { ingest } = readAiMetricsOptions(root);
    expect(ingest.bodyTimeoutMs).toBe(3_000);
    expect([...ingest.producers]).toEqual([
      ['external:gateway', ['gpt-*', 'claude-*']],
      ['bench-producer', ['*']],
      ['plugin:workflows', ['local-sentiment', 'gpt-4o-mini']],
    ]);
    // named in the config, the workflows plugin gets what it says
    expect(
      read({
        ingest: {
          producers: [{ subject: 'plugin:workflows', models: ['eval-*'] }],
        },
      }).ingest.producers.get('plugin:workflows'),
    ).toEqual(['eval-*']);
  });

  it.each([
    [
      [
        { subject: 'external:a', models: ['x'] },
        { subject: 'external:a', models: ['y'] },
      ],
      /producers\[1\]: external:a is listed twice/,
    ],
    [[{ subject: 'external:a', models: [] }], /must name at least one model/],
    [[{ subject: 'external:a' }], /models/],
  ])('refuses producers %j at startup', (producers, message) => {
    expect(() => read({ ingest: { producers } })).toThrow(message);
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
