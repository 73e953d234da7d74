import { estimateFromSpec } from '../cost/estimate';
import { PRICE_TABLE } from '../cost/prices';
import { defaultEnvironmentSpec } from '../spec/validate';
import { EXTENDED_SUPPORT_PRICES } from './calendar';

describe('the cost model and the lifecycle calendar', () => {
  it('prices the EKS control plane at the calendar’s rates', () => {
    expect(PRICE_TABLE.eks.controlPlaneStandardHourly).toBe(
      EXTENDED_SUPPORT_PRICES.eks.standardHourly,
    );
    expect(PRICE_TABLE.eks.controlPlaneExtendedHourly).toBe(
      EXTENDED_SUPPORT_PRICES.eks.extendedHourly,
    );
  });

  it('suggests leaving extended support with the calendar’s extra cost and the next step', () => {
    const estimate = estimateFromSpec(defaultEnvironmentSpec(), {
      asOf: '2026-11-26',
    });
    const upgrade = estimate.suggestions?.find(
      s => s.id === 'kubernetes-standard-support',
    );
    expect(upgrade?.description).toContain(
      'in EKS extended support since 2026-07-29, $365.00 a month extra',
    );
    expect(upgrade?.changes).toEqual([
      { field: 'cluster.kubernetesVersion', value: '1.34' },
    ]);
    expect(upgrade?.monthlySavingsUsd).toBe(365);
  });

  it('suggests nothing while the version is in standard support', () => {
    const estimate = estimateFromSpec(defaultEnvironmentSpec(), {
      asOf: '2026-07-28',
    });
    expect(
      estimate.suggestions?.some(s => s.id === 'kubernetes-standard-support'),
    ).toBeFalsy();
  });
});
