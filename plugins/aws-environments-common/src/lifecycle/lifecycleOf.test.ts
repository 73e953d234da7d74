import { EKS_KUBERNETES_VERSIONS } from '../spec/catalogs';
import {
  EKS_VERSION_CALENDAR,
  LIFECYCLE_CALENDAR_COMPILED,
  RDS_POSTGRES_VERSION_CALENDAR,
} from './calendar';
import {
  lifecycleCalendarAgeDays,
  lifecycleCalendarStaleWarning,
  lifecycleOf,
} from './lifecycleOf';

const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe('lifecycleOf (EKS)', () => {
  it('has 1.33 leave standard support on 2026-07-29, costing $365 a month more', () => {
    expect(lifecycleOf('eks', '1.33', at('2026-07-28'))).toMatchObject({
      support: 'ending-soon',
      standardSupportEnds: '2026-07-29',
      extendedSupportEnds: '2027-07-29',
      extraMonthlyUsd: 0,
      extendedExtraMonthlyUsd: 365,
    });
    expect(lifecycleOf('eks', '1.33', at('2026-07-29'))).toMatchObject({
      support: 'extended',
      extraMonthlyUsd: 365,
    });
  });

  it('warns 90 days ahead, not 91', () => {
    // 2026-07-29 minus 90 days is 2026-04-30.
    expect(lifecycleOf('eks', '1.33', at('2026-04-30'))?.support).toBe(
      'ending-soon',
    );
    expect(lifecycleOf('eks', '1.33', at('2026-04-29'))?.support).toBe(
      'standard',
    );
    expect(
      lifecycleOf('eks', '1.33', at('2026-06-29'), { warningDays: 29 })
        ?.support,
    ).toBe('standard');
  });

  it('is unsupported from the end of extended support', () => {
    expect(lifecycleOf('eks', '1.33', at('2027-07-28'))?.support).toBe(
      'extended',
    );
    expect(lifecycleOf('eks', '1.33', at('2027-07-29'))).toMatchObject({
      support: 'unsupported',
      extraMonthlyUsd: 0,
    });
  });

  it('names the next minor version and the newest in standard support', () => {
    expect(lifecycleOf('eks', '1.33', at('2026-11-30'))).toMatchObject({
      nextVersion: '1.34',
      newestStandardVersion: '1.35',
      calendarCompiled: LIFECYCLE_CALENDAR_COMPILED,
    });
    expect(
      lifecycleOf('eks', '1.35', at('2026-11-30'))?.nextVersion,
    ).toBeUndefined();
  });

  it('does not know versions outside the calendar', () => {
    expect(lifecycleOf('eks', '1.20', at('2026-11-30'))).toBeUndefined();
  });

  it('agrees with the spec catalog on every version the spec allows', () => {
    for (const allowed of EKS_KUBERNETES_VERSIONS) {
      const entry = EKS_VERSION_CALENDAR.find(
        e => e.version === allowed.version,
      );
      expect(entry).toMatchObject({
        eksRelease: allowed.eksRelease,
        endOfStandardSupport: allowed.endOfStandardSupport,
        endOfExtendedSupport: allowed.endOfExtendedSupport,
      });
    }
  });
});

describe('lifecycleOf (RDS for PostgreSQL)', () => {
  it('keeps PostgreSQL 15 in standard support to 2028-02-29, then bills per vCPU-hour', () => {
    expect(
      lifecycleOf('rds-postgres', '15', at('2028-02-29'), { vcpus: 2 }),
    ).toMatchObject({
      support: 'ending-soon',
      standardSupportEnds: '2028-02-29',
      extraMonthlyUsd: 0,
      extendedExtraMonthlyUsd: 146,
    });
    expect(
      lifecycleOf('rds-postgres', '15.7', at('2028-03-01'), {
        vcpus: 2,
        instances: 2,
      }),
    ).toMatchObject({
      version: '15',
      support: 'extended',
      extraMonthlyUsd: 292,
    });
  });

  it('doubles the rate from the third year of Extended Support', () => {
    expect(
      lifecycleOf('rds-postgres', '15', at('2030-02-28'), { vcpus: 2 })
        ?.extraMonthlyUsd,
    ).toBe(146);
    expect(
      lifecycleOf('rds-postgres', '15', at('2030-03-01'), { vcpus: 2 })
        ?.extraMonthlyUsd,
    ).toBe(292);
  });

  it('cannot price a database whose vCPUs are unknown', () => {
    expect(
      lifecycleOf('rds-postgres', '15', at('2028-06-01'))?.extraMonthlyUsd,
    ).toBeNull();
  });

  it('points the next step at the newest version in standard support', () => {
    expect(lifecycleOf('rds-postgres', '15', at('2026-11-30'))).toMatchObject({
      support: 'standard',
      nextVersion: '17',
      newestStandardVersion: '17',
    });
  });

  it('marks rows that could not be confirmed against AWS’s page', () => {
    expect(RDS_POSTGRES_VERSION_CALENDAR.every(e => e.note)).toBe(
      RDS_POSTGRES_VERSION_CALENDAR.every(e => !e.confirmed),
    );
    expect(lifecycleOf('rds-postgres', '15', at('2026-11-30'))?.confirmed).toBe(
      false,
    );
  });
});

describe('the calendar’s age', () => {
  it('warns only once the calendar is older than 180 days', () => {
    expect(lifecycleCalendarAgeDays(at(LIFECYCLE_CALENDAR_COMPILED))).toBe(0);
    const day180 = new Date(
      Date.parse(`${LIFECYCLE_CALENDAR_COMPILED}T00:00:00Z`) +
        180 * 24 * 3600 * 1000,
    );
    const day181 = new Date(day180.getTime() + 24 * 3600 * 1000);
    expect(lifecycleCalendarStaleWarning(day180)).toBeUndefined();
    expect(lifecycleCalendarStaleWarning(day181)).toMatch(/181 days ago/);
  });
});
