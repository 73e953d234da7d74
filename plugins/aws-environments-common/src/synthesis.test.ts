import { synthesisProblems } from './synthesis';

describe('synthesisProblems', () => {
  const claim = (id: string, passed: boolean) => ({
    id,
    title: id,
    seedText: 'seed',
    passed,
    evidence: 'found',
  });
  const report = (claims: ReturnType<typeof claim>[]) => ({
    passed: claims.every(c => c.passed),
    claims,
    summary: { passed: 0, failed: 0 },
  });
  const noNag = {
    pack: 'AwsSolutions',
    passed: true,
    findings: [],
    acknowledgements: [],
  };

  it('lets allowed deviations through and names the others', () => {
    const problems = synthesisProblems(
      noNag,
      report([
        claim('nat-per-az', false),
        claim('rds-single-az', false),
        claim('flow-logs', true),
      ]),
      ['nat-per-az'],
    );
    expect(problems).toEqual([
      'seed claim "rds-single-az" failed: rds-single-az (seed: "seed"; found: found)',
    ]);
  });

  it('never lets an unacknowledged cdk-nag finding through', () => {
    const problems = synthesisProblems(
      {
        ...noNag,
        passed: false,
        findings: [
          {
            plugin: 'AwsSolutions',
            ruleId: 'AwsSolutions-S1',
            severity: 'error',
            description: 'no access logs',
            path: 'x/Bucket',
          },
        ],
      },
      report([]),
      ['nat-per-az'],
    );
    expect(problems).toEqual([
      'AwsSolutions AwsSolutions-S1 on x/Bucket: no access logs',
    ]);
  });
});
