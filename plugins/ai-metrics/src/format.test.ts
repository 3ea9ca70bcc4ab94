import {
  errorRateLevel,
  formatCompact,
  formatCount,
  formatMs,
  formatPercent,
  formatPercentAxis,
  formatRequests,
  formatTokens,
  formatUsd,
  formatUsdAxis,
  NO_DATA,
} from './format';

describe('format', () => {
  it('writes each figure with its unit', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatRequests(1)).toBe('1 request');
    expect(formatRequests(1234)).toBe('1,234 requests');
    expect(formatTokens(98765)).toBe('98,765 tokens');
    expect(formatMs(4.24)).toBe('4.2 ms');
    expect(formatMs(1234.4)).toBe('1,234 ms');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0)).toBe('$0.00');
  });

  it('says when there is no figure rather than showing zero', () => {
    expect(formatMs(null)).toBe(NO_DATA);
    expect(formatPercent(null)).toBe(NO_DATA);
    expect(formatUsd(undefined)).toBe(NO_DATA);
  });

  it('grades error rates in words', () => {
    expect(errorRateLevel(null)).toBe('none');
    expect(errorRateLevel(0)).toBe('ok');
    expect(errorRateLevel(0.005)).toBe('low');
    expect(errorRateLevel(0.02)).toBe('elevated');
    expect(errorRateLevel(0.05)).toBe('high');
  });

  it('keeps small axis ticks apart instead of rounding them to zero', () => {
    // cost ticks of a cheap model: $0.0001 steps
    expect([0, 0.0001, 0.0002, 0.0004].map(formatUsdAxis)).toEqual([
      '$0',
      '$0.0001',
      '$0.0002',
      '$0.0004',
    ]);
    expect(formatUsdAxis(0.00015)).toBe('$0.00015');
    expect(formatUsdAxis(0.125)).toBe('$0.125');
    expect(formatUsdAxis(12.5)).toBe('$12.5');
    expect(formatUsdAxis(1234)).toBe('$1.23K');
    expect(formatUsdAxis(2_500_000)).toBe('$2.5M');
    // floating point noise does not show
    expect(formatUsdAxis(0.1 + 0.2)).toBe('$0.3');

    expect(formatPercentAxis(0)).toBe('0%');
    expect(formatPercentAxis(0.0004)).toBe('0.04%');
    expect(formatPercentAxis(0.125)).toBe('12.5%');
    expect(formatPercentAxis(1)).toBe('100%');

    expect(formatCompact(0.25)).toBe('0.25');
    expect(formatCompact(0.75)).toBe('0.75');
    expect(formatCompact(1234)).toBe('1.23K');
    expect(formatCompact(3_000_000)).toBe('3M');
  });
});
