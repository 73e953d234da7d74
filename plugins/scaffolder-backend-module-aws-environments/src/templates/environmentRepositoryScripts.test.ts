import path from 'node:path';
import { templateDir } from './__testUtils__/paths';

/**
 * The scripts of the environment repository's pull request check
 * (skeleton/scripts, plain CommonJS: they need nothing but Node). The
 * install test runs them on a real synthesis; these cover the cases a
 * synthesis against itself does not show.
 */
const scripts = path.join(
  templateDir('create-aws-environment'),
  'skeleton',
  'scripts',
);
const { gate } = require(path.join(scripts, 'check-gate.js'));
const { resourceRows, templateSection, costSection } = require(path.join(
  scripts,
  'pr-report.js',
));

const claim = (id: string, passed: boolean, notApplicable = false) => ({
  id,
  title: `claim ${id}`,
  passed,
  notApplicable,
  evidence: `evidence of ${id}`,
});

describe('check-gate.js', () => {
  const passing = {
    nag: { findings: [] },
    conformance: { claims: [claim('three-azs', true)] },
  };

  it('passes when every claim passes and cdk-nag found nothing', () => {
    expect(gate(passing, [])).toEqual([]);
  });

  it('fails a claim that conformance.json does not allow, and passes one it allows', () => {
    const check = {
      ...passing,
      conformance: {
        claims: [claim('nat-per-az', false), claim('rds-single-az', false)],
      },
    };
    expect(gate(check, ['nat-per-az'])).toEqual([
      'seed claim rds-single-az (claim rds-single-az) failed: evidence of rds-single-az',
    ]);
  });

  it('ignores a claim that does not apply', () => {
    const check = {
      ...passing,
      conformance: { claims: [claim('domain-tls', false, true)] },
    };
    expect(gate(check, [])).toEqual([]);
  });

  it('fails on any cdk-nag finding: none can be allowed', () => {
    const check = {
      ...passing,
      nag: {
        findings: [
          {
            ruleId: 'AwsSolutions-S1',
            path: '/Edge/Bucket',
            description: 'no access logs',
          },
        ],
      },
    };
    expect(gate(check, ['nat-per-az'])).toEqual([
      'cdk-nag AwsSolutions-S1 at /Edge/Bucket: no access logs',
    ]);
  });

  it('fails on an invalid spec, naming the field', () => {
    expect(
      gate(
        { errors: [{ field: 'budget.monthlyUsd', message: 'must be > 0' }] },
        [],
      ),
    ).toEqual(['invalid spec: budget.monthlyUsd: must be > 0']);
  });
});

describe('pr-report.js', () => {
  const bucket = { Type: 'AWS::S3::Bucket', Properties: { Name: 'a' } };
  const topic = { Type: 'AWS::SNS::Topic' };

  it('lists resources added, removed and modified per stack', () => {
    const before = { Resources: { Bucket: bucket, Topic: topic } };
    const after = {
      Resources: {
        Bucket: { ...bucket, Properties: { Name: 'b' } },
        Queue: { Type: 'AWS::SQS::Queue' },
      },
    };
    expect(resourceRows('edge', before, after)).toEqual([
      ['modified', 'edge', 'Bucket', 'AWS::S3::Bucket'],
      ['added', 'edge', 'Queue', 'AWS::SQS::Queue'],
      ['removed', 'edge', 'Topic', 'AWS::SNS::Topic'],
    ]);
  });

  it('treats a stack only on one side as all added or all removed', () => {
    const section = templateSection(
      new Map([['old-stack', { Resources: { Topic: topic } }]]),
      new Map([['new-stack', { Resources: { Bucket: bucket } }]]),
    ).join('\n');
    expect(section).toContain(
      '| added | new-stack | Bucket | AWS::S3::Bucket |',
    );
    expect(section).toContain(
      '| removed | old-stack | Topic | AWS::SNS::Topic |',
    );
  });

  it('says every resource is new when main has no spec', () => {
    expect(templateSection(undefined, new Map()).join('\n')).toContain(
      'main has no environment.json to compare with',
    );
  });

  it('shows the cost delta in total and by line', () => {
    const estimate = (nat: number) => ({
      estimate: {
        totalMonthlyUsd: 300 + nat,
        budgetUsd: 430,
        verdict: 'within',
        lines: [
          { id: 'nat', label: 'NAT gateways', monthlyUsd: nat },
          { id: 'eks', label: 'EKS', monthlyUsd: 300 },
        ],
      },
    });
    const section = costSection(estimate(98.55), estimate(32.85)).join('\n');
    expect(section).toContain('$398.55 → $332.85 a month (-$65.70)');
    expect(section).toContain('| NAT gateways | $98.55 | $32.85 | -$65.70 |');
    expect(section).not.toContain('| EKS |');
  });
});
