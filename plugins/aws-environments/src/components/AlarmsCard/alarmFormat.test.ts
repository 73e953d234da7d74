import { fixtures } from '../../__testUtils__';
import { formatThreshold, seedThresholdOf, sortAlarms } from './alarmFormat';

const [errorRate, latency, nodeCpu] = fixtures.alarmsView.alarms;

describe('alarm formatting', () => {
  it('writes thresholds as people do', () => {
    expect(formatThreshold(errorRate, 1)).toBe('> 1%');
    expect(formatThreshold(latency, 2)).toBe('> 2 s');
    expect(
      formatThreshold(
        {
          ...nodeCpu,
          unit: 'Count',
          comparisonOperator: 'LessThanOrEqualToThreshold',
        },
        3,
      ),
    ).toBe('≤ 3');
    expect(formatThreshold({ ...nodeCpu, unit: 'Bytes' }, 5)).toBe('> 5 Bytes');
  });

  it("falls back to the seed's table when the backend sends no seed threshold", () => {
    expect(seedThresholdOf({ ...latency, seedThreshold: undefined })).toBe(2);
    expect(seedThresholdOf({ ...errorRate, seedThreshold: undefined })).toBe(1);
    expect(
      seedThresholdOf({ ...nodeCpu, kind: 'other', seedThreshold: undefined }),
    ).toBeUndefined();
  });

  it('sorts firing first, then missing data, then OK, by name', () => {
    expect(
      sortAlarms(fixtures.alarmsViewFiring.alarms).map(a => [a.state, a.name]),
    ).toEqual([
      ['ALARM', 'innovate-prod-api-p99-latency'],
      ['ALARM', 'innovate-prod-node-cpu'],
      ['INSUFFICIENT_DATA', 'innovate-prod-node-memory'],
      ['OK', 'innovate-prod-api-error-rate'],
      ['OK', 'innovate-prod-db-cpu'],
    ]);
  });
});
