import {
  formatDateTime,
  formatDay,
  formatPercent,
  formatRelative,
  formatUsd,
  formatUsdCents,
} from './format';

describe('format', () => {
  it('formats money for people', () => {
    expect(formatUsd(430)).toBe('$430');
    expect(formatUsd(1234.5)).toBe('$1,235');
    expect(formatUsdCents(12.3)).toBe('$12.30');
  });

  it('formats shares as percentages', () => {
    expect(formatPercent(0.974)).toBe('97%');
    expect(formatPercent(1.37)).toBe('137%');
  });

  it('formats times relative to now', () => {
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    expect(formatRelative(twoMinutesAgo)).toBe('2 minutes ago');
    expect(formatRelative(null)).toBe('never');
    expect(formatRelative('not a date')).toBe('not a date');
  });

  it('formats dates and days', () => {
    expect(formatDateTime('2025-06-02T09:00:00.000Z')).toMatch(/Jun 2, 2025/);
    expect(formatDateTime(undefined)).toBe('never');
    expect(formatDay('2025-06-18')).toBe('Jun 18');
  });
});
