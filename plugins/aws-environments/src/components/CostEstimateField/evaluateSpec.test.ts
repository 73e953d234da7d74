import {
  estimateFromSpec,
  parseEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { evaluateSpec } from './evaluateSpec';

const partOfWizard = {
  // What the wizard holds on its cluster step: the e-mail comes later.
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  cluster: { applicationNodeGroup: { desiredSize: 4 } },
  budget: { monthlyUsd: 430 },
};

describe('evaluateSpec', () => {
  it('estimates before the fields that do not change the cost are filled', () => {
    const evaluation = evaluateSpec(partOfWizard);
    expect(evaluation.valid).toBe(false);
    expect(!evaluation.valid && evaluation.errors.map(e => e.field)).toEqual([
      'budget.alertEmail',
    ]);
    const expected = estimateFromSpec(
      parseEnvironmentSpec({
        ...partOfWizard,
        budget: { monthlyUsd: 430, alertEmail: 'ops@innovate.example' },
      }),
    );
    expect(evaluation.estimate?.totalMonthlyUsd).toBe(expected.totalMonthlyUsd);
  });

  it('estimates despite a wrong account id, which does not change the cost', () => {
    const evaluation = evaluateSpec({
      ...partOfWizard,
      accounts: { management: '12', workloads: '333333333333' },
    });
    expect(evaluation.estimate).toBeDefined();
  });

  it('does not estimate while a field that changes the cost is wrong', () => {
    const evaluation = evaluateSpec({
      ...partOfWizard,
      cluster: { applicationNodeGroup: { desiredSize: 40 } },
    });
    expect(evaluation.valid).toBe(false);
    expect(evaluation.estimate).toBeUndefined();
  });
});
