import {
  RegoEngine,
  StandardDiagnostic,
  TemplateFile,
} from '@aws/cloudformation-validate';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { buildEnvironmentApp } from './app';
import { assemblyStacks } from './assemblyStacks';
import type { SynthesizedStack } from './synthesize';
import { tempOutdir, TEST_DOMAIN, testSpec } from './__testUtils__/synth';

/**
 * The default spec and the departures the other tests synthesize (the
 * conformance table, the constructs' departing specs and the cost
 * property's ranges), folded into a few specs: every template variant a
 * spec can produce is validated at least once.
 */
const SPECS: [string, EnvironmentSpec][] = [
  ['the default spec', testSpec()],
  [
    '2 AZs, 1 NAT gateway, Multi-AZ database, Graviton nodes, Kubernetes 1.35',
    testSpec(s => {
      s.network = { vpcCidr: '172.16.0.0/20', azCount: 2, natGateways: 1 };
      s.cluster.kubernetesVersion = '1.35';
      s.cluster.systemNodeGroup = {
        instanceType: 't3.large',
        minSize: 2,
        desiredSize: 2,
        maxSize: 4,
      };
      s.cluster.applicationNodeGroup = {
        instanceType: 'm7g.large',
        minSize: 1,
        desiredSize: 3,
        maxSize: 6,
      };
      s.cluster.hpa.maxReplicas = 50;
      s.database.multiAz = true;
      s.database.allocatedStorageGb = 250;
      s.database.backupRetentionDays = 7;
      s.alarms.errorRatePercent = 2;
      s.budget.monthlyUsd = 600;
    }),
  ],
  [
    'eu-west-1 (web ACL stack in us-east-1) with a custom domain',
    testSpec(s => {
      s.region = 'eu-west-1';
      s.domain = { ...TEST_DOMAIN };
    }),
  ],
  [
    'one account, PostgreSQL 16 on Graviton, another VPC block, Kubernetes 1.32',
    testSpec(s => {
      s.accounts.management = s.accounts.workloads;
      s.network = { vpcCidr: '10.1.0.0/16', azCount: 3, natGateways: 2 };
      s.cluster.kubernetesVersion = '1.32';
      s.database.engineVersion = '16';
      s.database.allowMajorVersionUpgrade = true;
      s.database.instanceClass = 'db.t4g.medium';
      s.database.allocatedStorageGb = 200;
    }),
  ],
];

/**
 * The validator's warnings that the templates keep, each with why, and
 * where it may appear (`<resource type> <logical id> <property path>`); any
 * other warning fails the test. The package README lists the same table.
 */
const ACCEPTED_WARNINGS: Record<string, { reason: string; where: RegExp }> = {
  W3010: {
    reason:
      "Hard-coded AZ names: the network stack takes the region's AZs from SUPPORTED_REGIONS, so the Vpc construct needs no context lookup and synthesis needs no AWS access.",
    where: /^AWS::EC2::Subnet \S+ Properties\.AvailabilityZone$/,
  },
  W3005: {
    reason:
      "A DependsOn that a GetAtt already implies, in aws-cdk-lib's own custom-resource provider functions (the default security group restriction, CfnJson, AwsCustomResource); harmless and not in our code.",
    where: /^AWS::Lambda::Function \S+ DependsOn$/,
  },
};

interface Finding {
  spec: string;
  stack: string;
  diagnostic: StandardDiagnostic;
  resourceType: string;
}

function where({ diagnostic, resourceType }: Finding): string {
  return `${resourceType} ${diagnostic.entity?.logicalId ?? '-'} ${
    diagnostic.propertyPath ?? '-'
  }`;
}

function describeFinding(finding: Finding): string {
  const { diagnostic } = finding;
  return `${finding.spec} / ${finding.stack}: ${diagnostic.ruleId} at ${where(
    finding,
  )}: ${diagnostic.message}`;
}

function synthesize(spec: EnvironmentSpec): SynthesizedStack[] {
  const built = buildEnvironmentApp(spec, { outdir: tempOutdir(), nag: false });
  return assemblyStacks(built.stacks, built.app.synth());
}

describe("AWS's CloudFormation validator on the synthesized templates", () => {
  const findings: Finding[] = [];
  const statuses: string[] = [];
  let templates = 0;

  beforeAll(() => {
    const engine = new RegoEngine();
    try {
      for (const [name, spec] of SPECS) {
        for (const stack of synthesize(spec)) {
          const report = engine.validateStandard(
            new TemplateFile(stack.templateFile),
            {
              severityLevel: 'WARN',
              pseudoParameterOverrides: {
                region: stack.region,
                accountId: stack.account,
                stackName: stack.stackName,
              },
            },
          );
          templates += 1;
          statuses.push(`${name} / ${stack.id}: ${report.status}`);
          for (const diagnostic of report.diagnostics) {
            const logicalId = diagnostic.entity?.logicalId;
            findings.push({
              spec: name,
              stack: stack.id,
              diagnostic,
              resourceType: String(
                (logicalId && stack.template.Resources?.[logicalId]?.Type) ??
                  '-',
              ),
            });
          }
        }
      }
    } finally {
      engine.free();
    }
  });

  it('validates every stack of every spec completely', () => {
    // 8 stacks each, and the web ACL stack of the one spec outside us-east-1.
    expect(templates).toBe(SPECS.length * 8 + 1);
    expect(statuses.filter(status => !status.endsWith(': OK'))).toEqual([]);
  });

  it('reports no errors', () => {
    const errors = findings.filter(({ diagnostic }) =>
      ['ERROR', 'FATAL'].includes(diagnostic.severity),
    );
    expect(errors.map(describeFinding)).toEqual([]);
  });

  it('reports only the accepted warnings, where they are accepted', () => {
    const warnings = findings.filter(f => f.diagnostic.severity === 'WARN');
    const unexpected = warnings.filter(finding => {
      const accepted = ACCEPTED_WARNINGS[finding.diagnostic.ruleId];
      return !accepted || !accepted.where.test(where(finding));
    });
    expect(unexpected.map(describeFinding)).toEqual([]);
    // One example of each, so that a warning that went away shows too.
    const examples = new Map<string, string>();
    for (const finding of warnings) {
      if (!examples.has(finding.diagnostic.ruleId)) {
        examples.set(finding.diagnostic.ruleId, describeFinding(finding));
      }
    }
    expect([...examples.keys()].sort()).toEqual(
      Object.keys(ACCEPTED_WARNINGS).sort(),
    );
    for (const { reason } of Object.values(ACCEPTED_WARNINGS)) {
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});
