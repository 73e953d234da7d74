import { Template } from 'aws-cdk-lib/assertions';
import {
  ACCOUNT_BASELINE_STACK_NAME,
  ENVIRONMENT_COST_ALLOCATION_TAG,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { synthesizeTemplates, testSpec } from './__testUtils__/synth';
import { checkConformance } from './conformance';
import { estimateFromTemplates } from './cost';
import type { EnvironmentStackTemplate } from './templates';

const baselineOf = (stacks: EnvironmentStackTemplate[]) =>
  stacks.find(stack => stack.id === 'baseline');

const resourceTypes = (stacks: EnvironmentStackTemplate[]) =>
  stacks.flatMap(stack =>
    Object.values(
      (stack.template.Resources ?? {}) as Record<string, { Type: string }>,
    ).map(resource => resource.Type),
  );

describe('the account baseline', () => {
  const first = synthesizeTemplates(testSpec()).stacks;
  const second = synthesizeTemplates(
    testSpec(spec => {
      spec.name = 'innovate-second';
      spec.budget.monthlyUsd = 900;
    }),
  ).stacks;

  it('is one stack per workloads account and region, protected from deletion', () => {
    const baseline = baselineOf(first)!;
    expect(baseline).toMatchObject({
      stackName: ACCOUNT_BASELINE_STACK_NAME,
      account: '222222222222',
      region: 'us-east-1',
    });
    const { built } = synthesizeTemplates(testSpec());
    expect(built.stacks.baseline?.terminationProtection).toBe(true);
    const template = Template.fromJSON(baseline.template);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    // Nothing else of the environment holds account-wide resources.
    const others = first.filter(stack => stack.id !== 'baseline');
    expect(resourceTypes(others)).not.toContain('AWS::GuardDuty::Detector');
    expect(resourceTypes(others)).not.toContain('AWS::CloudTrail::Trail');
  });

  it('is the same template for every environment of the account, so a second deploy changes nothing', () => {
    expect(baselineOf(second)!.template).toEqual(baselineOf(first)!.template);
    const text = JSON.stringify(baselineOf(first)!.template);
    expect(text).not.toContain('innovate-test');
    expect(text).not.toContain(ENVIRONMENT_COST_ALLOCATION_TAG);
  });

  it('is read by no environment stack, so destroying one never touches it', () => {
    const text = JSON.stringify(
      first.filter(stack => stack.id !== 'baseline').map(s => s.template),
    );
    expect(text).not.toContain(ACCOUNT_BASELINE_STACK_NAME);
  });

  it('names its trail by region, so two regions of one account do not collide', () => {
    const west = synthesizeTemplates(
      testSpec(spec => {
        spec.region = 'us-west-2';
      }),
    ).stacks;
    const trailName = (stacks: EnvironmentStackTemplate[]) =>
      Object.values(
        baselineOf(stacks)!.template.Resources as Record<
          string,
          { Type: string; Properties: { TrailName?: string } }
        >,
      ).find(resource => resource.Type === 'AWS::CloudTrail::Trail')!.Properties
        .TrailName;
    expect(trailName(first)).toBe('innovate-account-trail-us-east-1');
    expect(trailName(west)).toBe('innovate-account-trail-us-west-2');
  });

  describe('when the account brings its own (baseline: existing)', () => {
    const spec = testSpec(s => {
      s.baseline = 'existing';
    });
    const stacks = synthesizeTemplates(spec).stacks;

    it('deploys no baseline and no account-wide resource', () => {
      expect(baselineOf(stacks)).toBeUndefined();
      expect(resourceTypes(stacks)).not.toContain('AWS::GuardDuty::Detector');
      expect(resourceTypes(stacks)).not.toContain('AWS::CloudTrail::Trail');
    });

    it('reports the seed claims as the preflight’s to prove', () => {
      const report = checkConformance(spec, stacks);
      const claim = (id: string) => report.claims.find(c => c.id === id)!;
      expect(report.passed).toBe(true);
      expect(claim('guardduty').evidence).toMatch(/spec.baseline is existing/);
      expect(claim('cloudtrail').evidence).toMatch(/preflight/);
    });

    it('prices the account’s own detector and trail at nothing, from the templates and the spec alike', () => {
      const fromTemplates = estimateFromTemplates(stacks, 430, {
        asOf: '2026-06-01',
      });
      const fromSpec = estimateFromSpec(spec, { asOf: '2026-06-01' });
      for (const estimate of [fromTemplates, fromSpec]) {
        const guardDuty = estimate.lines.find(l => l.id === 'guardduty')!;
        expect(guardDuty).toMatchObject({ monthlyUsd: 0, scope: 'account' });
        expect(guardDuty.label).toMatch(/existing/);
      }
      expect(fromTemplates.totalMonthlyUsd).toBe(fromSpec.totalMonthlyUsd);
    });
  });

  it('marks its lines as the account’s, counted once per account', () => {
    const estimate = estimateFromTemplates(first, 430, { asOf: '2026-06-01' });
    const shared = estimate.lines.filter(line => line.scope === 'account');
    expect(shared.map(line => line.id).sort()).toEqual([
      'cloudtrail',
      'guardduty',
    ]);
    expect(shared.find(l => l.id === 'guardduty')!.monthlyUsd).toBeGreaterThan(
      0,
    );
  });
});
