import { ConfigReader } from '@backstage/config';
import { readDemoDataSettings } from './settings';

const read = (demoData?: object, nodeEnv = 'development') =>
  readDemoDataSettings(
    new ConfigReader(demoData ? { console: { demoData } } : {}),
    nodeEnv,
  );

describe('readDemoDataSettings', () => {
  it('is off unless the config turns it on (production, tests, benchmarks)', () => {
    expect(read().enabled).toBe(false);
    expect(read({ enabled: true }).enabled).toBe(true);
  });

  it('refuses to seed a production console, saying why', () => {
    expect(() => read({ enabled: true }, 'production')).toThrow(
      /console.demoData.enabled is for development: it invites the dev IdP users, admin@console.example as an admin/,
    );
    expect(read({ enabled: false }, 'production').enabled).toBe(false);
  });

  it('paces the slow model at 6 s a text by default', () => {
    expect(read({ enabled: true }).modelLatencyMs).toBe(6000);
    expect(read({ modelLatencyMs: 0 }).modelLatencyMs).toBe(0);
  });

  it.each([-1, 1.5, 60_000])(
    'refuses a model latency of %p ms, naming the setting and the range',
    modelLatencyMs => {
      expect(() => read({ modelLatencyMs })).toThrow(
        `console.demoData.modelLatencyMs must be an integer from 0 to 50000, not ${modelLatencyMs}`,
      );
    },
  );

  it('waits for the backend to start before the first run, and tries again every 30 s', () => {
    expect(read().schedule).toEqual({
      initialDelay: { seconds: 10 },
      frequency: { seconds: 30 },
      timeout: { minutes: 5 },
    });
    expect(
      read({
        schedule: { frequency: { seconds: 1 }, timeout: { minutes: 1 } },
      }).schedule,
    ).toMatchObject({ frequency: { seconds: 1 }, timeout: { minutes: 1 } });
  });
});
