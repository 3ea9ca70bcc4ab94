import {
  autoStep,
  describeSeconds,
  readParams,
  resolveWindow,
  stepChoices,
  writeParams,
} from './metricsParams';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const read = (search: string) => readParams(new URLSearchParams(search));

describe('metricsParams', () => {
  it('reads the last 24 hours and every model by default', () => {
    expect(read('')).toEqual({
      range: { preset: '24h' },
      models: [],
      versions: [],
    });
  });

  it('reads a link from a workflow: one model and its version', () => {
    expect(read('model=local-sentiment&version=v2')).toEqual({
      range: { preset: '24h' },
      models: ['local-sentiment'],
      versions: ['v2'],
    });
  });

  it('keeps versions only with exactly one model, as the backend requires', () => {
    expect(read('model=a&model=b&version=v1').versions).toEqual([]);
    expect(read('version=v1').versions).toEqual([]);
    expect(read('model=a&model=a&model=').models).toEqual(['a']);
  });

  it('takes a custom range over a preset, and ignores one the backend would refuse', () => {
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-01-02T00:00:00.000Z';
    expect(read(`range=7d&from=${from}&to=${to}`).range).toEqual({ from, to });
    expect(read(`from=${to}&to=${from}`).range).toEqual({ preset: '24h' });
    expect(read(`from=yesterday&to=${to}`).range).toEqual({ preset: '24h' });
    expect(read('range=2y').range).toEqual({ preset: '24h' });
  });

  it('keeps a step only when it fits the range', () => {
    expect(read('range=7d&step=1h').step).toBe('1h');
    // 43,200 points, or seconds, or longer than the range
    expect(read('range=30d&step=1m').step).toBeUndefined();
    expect(read('range=1h&step=30s').step).toBeUndefined();
    expect(read('range=1h&step=1d').step).toBeUndefined();
  });

  it('chooses steps as the backend would: at most 200 points', () => {
    expect(autoStep(HOUR)).toBe('1m');
    expect(autoStep(6 * HOUR)).toBe('5m');
    expect(autoStep(DAY)).toBe('15m');
    expect(autoStep(7 * DAY)).toBe('1h');
    expect(autoStep(30 * DAY)).toBe('6h');
    // minute steps would read more than 14 days of minute rollups
    expect(stepChoices(30 * DAY)).toEqual(['1h', '3h', '6h', '12h', '1d']);
    expect(describeSeconds(900)).toBe('15 minutes');
    expect(describeSeconds(3600)).toBe('1 hour');
    expect(describeSeconds(86400 * 2)).toBe('2 days');
  });

  it('writes repeated model and version parameters and leaves the default range out', () => {
    const previous = new URLSearchParams('compare=versions&range=7d');
    const next = writeParams(previous, {
      range: { preset: '24h' },
      step: '30m',
      models: ['local-sentiment'],
      versions: ['v1', 'v2'],
    });
    expect(next.toString()).toBe(
      'compare=versions&step=30m&model=local-sentiment&version=v1&version=v2',
    );
  });

  it('ends a preset at the next whole minute', () => {
    const now = Date.parse('2026-01-10T10:00:30.000Z');
    expect(resolveWindow(read('range=1h'), now)).toMatchObject({
      from: '2026-01-10T09:01:00.000Z',
      to: '2026-01-10T10:01:00.000Z',
      step: '1m',
      autoStep: true,
      label: 'Last hour',
    });
  });
});
