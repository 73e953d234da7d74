import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from './cli';
import { tempOutdir } from './__testUtils__/synth';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

function specFile(name: string, content: string): string {
  const file = path.join(tempOutdir(), name);
  fs.writeFileSync(file, content);
  return file;
}

const VALID_YAML = `
name: innovate-stage
accounts:
  management: "111111111111"
  workloads: "222222222222"
network:
  natGateways: 1
budget:
  alertEmail: ops@example.com
`;

describe('yarn env', () => {
  it('estimates the seed environment by line, with verdict and seed comparison', async () => {
    const { code, stdout } = await run('estimate', '--as-of', '2026-01-15');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'EKS control plane (Kubernetes 1.33, standard support)',
    );
    expect(stdout).toMatch(/Total\s+\$509\.39/);
    expect(stdout).toContain('Budget $430.00: OVER (118 % of budget)');
    expect(stdout).toContain('save $68.40/month: Set network.natGateways to 1');
    expect(stdout).toMatch(
      /EC2 \(2x t3\.large\)\s+seed\s+\$120\.00\s+model\s+\$121\.47\s+\+\$1\.47/,
    );
    expect(stdout).toContain('the system node group it also specifies');
  });

  it('estimates as JSON', async () => {
    const { code, stdout } = await run(
      'estimate',
      '--json',
      '--as-of',
      '2026-11-26',
    );
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.estimate.totalMonthlyUsd).toBe(874.39);
    expect(output.estimate.verdict).toBe('over');
    expect(output.seedComparison.rows).toHaveLength(7);
  });

  it('reads YAML and JSON spec files', async () => {
    const yaml = await run(
      'estimate',
      '--spec',
      specFile('env.yaml', VALID_YAML),
      '--json',
    );
    expect(
      JSON.parse(yaml.stdout).estimate.lines.find(
        (l: { id: string }) => l.id === 'nat-gateways',
      ).label,
    ).toBe('NAT gateways (1)');
    const json = await run(
      'estimate',
      '--spec',
      specFile(
        'env.json',
        JSON.stringify({
          name: 'from-json',
          accounts: { management: '111111111111', workloads: '222222222222' },
          budget: { alertEmail: 'a@example.com', monthlyUsd: 5000 },
        }),
      ),
      '--json',
    );
    expect(JSON.parse(json.stdout).estimate.verdict).toBe('under');
  });

  it('exits 2 with the field errors for a bad spec', async () => {
    const file = specFile(
      'bad.yaml',
      'name: "Prod; rm -rf /"\naccounts:\n  management: "1"\nnetwork:\n  natGateways: 7\n',
    );
    const { code, stderr, stdout } = await run('check', '--spec', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Invalid environment spec (${file}):`);
    expect(stderr).toContain('  - name: must be 3 to 24 characters');
    expect(stderr).toContain(
      '  - accounts.management: must be a 12-digit AWS account id',
    );
    expect(stderr).toContain('  - accounts.workloads: is required');
    expect(stderr).toContain('  - budget.alertEmail: is required');
    expect(stderr).toContain(
      '  - network.natGateways: must be a whole number from 1 to network.azCount (3)',
    );

    const json = await run('estimate', '--spec', file, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors).toContainEqual({
      field: 'budget.alertEmail',
      message: expect.stringMatching(/^is required/),
    });
  });

  it('exits 2 when the spec file cannot be read or parsed', async () => {
    const missing = await run('estimate', '--spec', '/nonexistent/env.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      '(file): cannot read /nonexistent/env.yaml',
    );
    const broken = await run(
      'estimate',
      '--spec',
      specFile('broken.yaml', 'name: [unclosed'),
    );
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('is not valid YAML or JSON');
  });

  it('exits 2 on usage errors and prints help', async () => {
    expect((await run('deploy')).code).toBe(2);
    expect((await run('estimate', '--spec')).stderr).toContain(
      '--spec needs a value',
    );
    expect((await run('estimate', '--as-of', 'tomorrow')).code).toBe(2);
    expect((await run('estimate', '--verbose')).stderr).toContain(
      'Unknown option "--verbose"',
    );
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: yarn env <synth|estimate|check>');
  });

  it('checks the seed environment: every claim passes, no nag findings', async () => {
    const { code, stdout } = await run('check');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Seed conformance: (\d+) of \1 claims pass/);
    expect(stdout).toContain('PASS nat-per-az: One NAT gateway per AZ');
    expect(stdout).toContain(
      'cdk-nag (AwsSolutions): no unacknowledged findings',
    );
    expect(stdout).toContain(
      'AwsSolutions-RDS3 at Database/Database/Instance/Resource',
    );
  });

  it('exits 1 when a claim fails, and says which', async () => {
    const { code, stdout } = await run(
      'check',
      '--spec',
      specFile('env.yaml', VALID_YAML),
      '--json',
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(
      report.conformance.claims
        .filter((c: { passed: boolean }) => !c.passed)
        .map((c: { id: string }) => c.id),
    ).toEqual(['nat-per-az']);
    expect(report.nag.passed).toBe(true);
  });

  it('synthesizes the cloud assembly into --out', async () => {
    const out = path.join(tempOutdir(), 'cdk.out');
    const { code, stdout } = await run('synth', '--out', out, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.assemblyDir).toBe(out);
    expect(
      result.stacks.map((s: { stackName: string }) => s.stackName),
    ).toContain('innovate-prod-database');
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'Database.template.json'))).toBe(true);
  });
});

describe('yarn env bootstrap-policy', () => {
  it('prints the workloads policy and the bootstrap command of each region as JSON', async () => {
    const out = path.join(tempOutdir(), 'workloads.json');
    const { code, stdout } = await run(
      'bootstrap-policy',
      '--account',
      'workloads',
      '--spec',
      specFile('east2.yaml', `${VALID_YAML}region: us-east-2\n`),
      '--principal',
      'arn:aws:iam::222222222222:role/portal-deploy',
      '--out',
      out,
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.regions).toEqual(['us-east-1', 'us-east-2']);
    expect(result.resourceTypes).toContain('AWS::WAFv2::WebACL');
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(result.policy);
    expect(result.commands).toEqual([
      `aws iam create-policy --policy-name innovate-portal-cfn-exec-workloads --policy-document file://${out}`,
      'npx cdk bootstrap aws://222222222222/us-east-1 --trust arn:aws:iam::222222222222:role/portal-deploy --trust-for-lookup arn:aws:iam::222222222222:role/portal-deploy --cloudformation-execution-policies arn:aws:iam::222222222222:policy/innovate-portal-cfn-exec-workloads',
      'npx cdk bootstrap aws://222222222222/us-east-2 --trust arn:aws:iam::222222222222:role/portal-deploy --trust-for-lookup arn:aws:iam::222222222222:role/portal-deploy --cloudformation-execution-policies arn:aws:iam::222222222222:policy/innovate-portal-cfn-exec-workloads',
    ]);
  });

  it('prints the management policy, then the commands with a principal placeholder', async () => {
    const { code, stdout } = await run(
      'bootstrap-policy',
      '--account',
      'management',
    );
    expect(code).toBe(0);
    const [policy] = stdout.split('\n\n');
    expect(
      JSON.parse(policy).Statement.map((s: { Sid: string }) => s.Sid),
    ).toEqual(['Budgets', 'ECR', 'KMS', 'CdkBootstrapVersion']);
    expect(stdout).toContain(
      'Save the policy above as innovate-portal-cfn-exec-management.json, then run:',
    );
    expect(stdout).toContain(
      "  npx cdk bootstrap aws://111111111111/us-east-1 --trust '<ARN of the portal deploy role>' --trust-for-lookup '<ARN of the portal deploy role>' --cloudformation-execution-policies arn:aws:iam::111111111111:policy/innovate-portal-cfn-exec-management",
    );
  });

  it('adds the DNS delegation role when the hosted zone is in the management account', async () => {
    const out = path.join(tempOutdir(), 'management.json');
    const domainYaml = [
      'domain:',
      '  name: app.innovate.example',
      '  hostedZoneId: Z0123456789ABCDEFGHIJ',
      '  hostedZoneName: innovate.example',
      '  apiSubdomain: api',
      '  hostedZoneAccount: management',
      '',
    ].join('\n');
    const { code, stdout } = await run(
      'bootstrap-policy',
      '--account',
      'management',
      '--spec',
      specFile('zone.yaml', `${VALID_YAML}${domainYaml}`),
      '--out',
      out,
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const dir = path.dirname(out);
    const trustFile = path.join(
      dir,
      'innovate-dns-delegation-innovate-stage-trust.json',
    );
    const policyFile = path.join(
      dir,
      'innovate-dns-delegation-innovate-stage-policy.json',
    );
    expect(result.commands.slice(-2)).toEqual([
      `aws iam create-role --role-name innovate-dns-delegation-innovate-stage --assume-role-policy-document file://${trustFile}`,
      `aws iam put-role-policy --role-name innovate-dns-delegation-innovate-stage --policy-name delegate-environment-names --policy-document file://${policyFile}`,
    ]);
    const trust = JSON.parse(fs.readFileSync(trustFile, 'utf8'));
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Condition: {
        ArnLike: {
          'aws:PrincipalArn':
            'arn:aws:iam::222222222222:role/innovate-stage-edge*',
        },
      },
    });
    const policy = JSON.parse(fs.readFileSync(policyFile, 'utf8'));
    expect(policy.Statement[0]).toEqual({
      Sid: 'DelegateTheEnvironmentNames',
      Effect: 'Allow',
      Action: 'route53:ChangeResourceRecordSets',
      Resource: 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ',
      Condition: {
        'ForAllValues:StringEquals': {
          'route53:ChangeResourceRecordSetsRecordTypes': ['NS'],
          'route53:ChangeResourceRecordSetsActions': ['UPSERT', 'DELETE'],
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': [
            'app.innovate.example',
            'api.innovate.example',
          ],
        },
      },
    });
  });

  it('exits 2 without a valid --account, and on --account for other commands', async () => {
    const missing = await run('bootstrap-policy');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'bootstrap-policy needs --account management or --account workloads',
    );
    const wrong = await run('bootstrap-policy', '--account', 'payer');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      '--account must be management or workloads, not "payer"',
    );
    const elsewhere = await run('estimate', '--account', 'workloads');
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(
      '--account and --principal are options of bootstrap-policy only',
    );
    expect((await run('bootstrap-policy', '--account')).stderr).toContain(
      '--account needs a value',
    );
  });
});
