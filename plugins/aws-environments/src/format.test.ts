import { Settings } from 'luxon';
import {
  formatDateTime,
  formatDay,
  formatPercent,
  formatRelative,
  formatUsd,
  formatUsdCents,
  formatVerdict,
  plural,
} from './format';

describe('format', () => {
  beforeAll(() => {
    Settings.defaultLocale = 'en-US';
  });
  afterEach(() => {
    Settings.defaultZone = 'system';
  });

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

  it('names the zone of a time, in the viewer’s zone', () => {
    Settings.defaultZone = 'America/New_York';
    // ICU puts a narrow no-break space before AM/PM; \s matches it.
    expect(formatDateTime('2025-06-02T09:00:00.000Z')).toMatch(
      /^Jun 2, 2025, 5:00\sAM EDT$/,
    );
    Settings.defaultZone = 'UTC';
    expect(formatDateTime('2025-06-02T09:00:00.000Z')).toMatch(
      /^Jun 2, 2025, 9:00\sAM UTC$/,
    );
    expect(formatDateTime(undefined)).toBe('never');
  });

  it('keeps a calendar day whatever the viewer’s zone', () => {
    for (const zone of ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati']) {
      Settings.defaultZone = zone;
      expect(formatDay('2025-06-18')).toBe('Jun 18');
      expect(formatDay('2026-11-26', { year: true })).toBe('Nov 26, 2026');
    }
    expect(formatDay('soon')).toBe('soon');
  });

  it('counts in the right number', () => {
    expect(plural(1, 'alarm')).toBe('1 alarm');
    expect(plural(0, 'alarm')).toBe('0 alarms');
    expect(plural(3, 'node group')).toBe('3 node groups');
  });

  it('says budget verdicts in words', () => {
    expect(formatVerdict('under')).toBe('within the budget');
    expect(formatVerdict('near')).toBe('close to the budget');
    expect(formatVerdict('over')).toBe('over the budget');
  });
});
