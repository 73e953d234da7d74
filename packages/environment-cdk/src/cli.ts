import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  compareWithSeed,
  CostEstimate,
  estimateFromSpec,
  EnvironmentSpec,
  FieldError,
  lifecycleCalendarStaleWarning,
  lifecycleOf,
  LIFECYCLE_CALENDAR_COMPILED,
  SEED_ENVIRONMENT_INPUT,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { parse as parseYaml } from 'yaml';
import { synthesizeEnvironment, EnvironmentSynthesis } from './synthesize';
import { runBootstrapPolicy } from './bootstrap/command';
import { BOOTSTRAP_ACCOUNTS, BootstrapAccount } from './bootstrap/policies';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const USAGE = `Usage: yarn env <synth|estimate|check> [--spec FILE] [--out DIR] [--json] [--as-of YYYY-MM-DD]
       yarn env bootstrap-policy --account management|workloads [--spec FILE]
                [--principal ARN] [--out FILE] [--json]

  synth     synthesize the environment's CDK app into a cloud assembly
            (--out, default ./cdk.out) and report cdk-nag findings
  estimate  monthly cost estimate by line, budget verdict, seed comparison
  check     seed conformance report and cdk-nag results
  bootstrap-policy
            least-privilege IAM policy (JSON) for the account's CloudFormation
            execution role, and the commands that create it and run
            \`cdk bootstrap\` in each region of the account

  --spec FILE    environment spec, YAML or JSON (default: the seed's
                 innovate-prod environment)
  --out DIR      cloud assembly directory (synth: ./cdk.out; check: a
                 temporary directory, removed afterwards)
  --json         machine-readable output on stdout
  --as-of DATE   price the EKS control plane as of this day (default today)
  --account ACCT bootstrap-policy: management (registry, budget) or workloads
  --principal ARN
                 bootstrap-policy: the portal's deploy role, trusted by the
                 bootstrap roles (default: a placeholder to replace)
  --out FILE     bootstrap-policy: also write the policy document to FILE

Exit codes: 0 ok; 1 failing checks, nag findings or synthesis error;
2 invalid spec or usage.`;

const COMMANDS = ['synth', 'estimate', 'check', 'bootstrap-policy'] as const;
type Command = (typeof COMMANDS)[number];

interface CliOptions {
  command: Command;
  specFile?: string;
  out?: string;
  json: boolean;
  asOf?: string;
  account?: BootstrapAccount;
  principal?: string;
}

class UsageError extends Error {}

/** The options of every command, for `node:util`'s `parseArgs`. */
const OPTIONS = {
  spec: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'as-of': { type: 'string' },
  account: { type: 'string' },
  principal: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/**
 * The command, then its options. `parseArgs` runs without `strict` so that
 * its tokens give the usage errors in this CLI's words: an unknown option,
 * a stray argument or a missing value (a value may not start with `--`).
 */
function parseCommandLine(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command)) {
    throw new UsageError(
      command ? `Unknown command "${command}"` : 'No command given',
    );
  }
  const { values, tokens } = parseArgs({
    args: rest,
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') {
      throw new UsageError(
        `Unknown option "${token.kind === 'positional' ? token.value : '--'}"`,
      );
    }
    const option = Object.hasOwn(OPTIONS, token.name)
      ? OPTIONS[token.name as keyof typeof OPTIONS]
      : undefined;
    if (!option || (option.type === 'boolean' && token.inlineValue)) {
      throw new UsageError(
        `Unknown option "${token.rawName}${
          token.inlineValue ? `=${token.value}` : ''
        }"`,
      );
    }
    if (
      option.type === 'string' &&
      (token.value === undefined ||
        (!token.inlineValue && token.value.startsWith('--')))
    ) {
      throw new UsageError(`${token.rawName} needs a value`);
    }
  }
  const asOf = values['as-of'] as string | undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new UsageError('--as-of must be a date as YYYY-MM-DD');
  }
  return {
    command: command as Command,
    specFile: values.spec as string | undefined,
    out: values.out as string | undefined,
    json: values.json === true,
    asOf,
    ...bootstrapOptions(command as Command, values),
  };
}

/** `--account` and `--principal`: bootstrap-policy's, and only its. */
function bootstrapOptions(
  command: Command,
  values: Record<string, unknown>,
): Pick<CliOptions, 'account' | 'principal'> {
  const account = values.account as string | undefined;
  const principal = values.principal as string | undefined;
  if (command !== 'bootstrap-policy') {
    if (account !== undefined || principal !== undefined) {
      throw new UsageError(
        `--account and --principal are options of bootstrap-policy only`,
      );
    }
    return {};
  }
  if (!BOOTSTRAP_ACCOUNTS.includes(account as BootstrapAccount)) {
    throw new UsageError(
      account === undefined
        ? 'bootstrap-policy needs --account management or --account workloads'
        : `--account must be management or workloads, not "${account}"`,
    );
  }
  return { account: account as BootstrapAccount, principal };
}

type SpecResult =
  | { spec: EnvironmentSpec }
  | { errors: FieldError[]; source: string };

function loadSpec(specFile: string | undefined): SpecResult {
  let input: unknown = SEED_ENVIRONMENT_INPUT;
  const source = specFile ?? 'the seed environment';
  if (specFile) {
    let text: string;
    try {
      text = fs.readFileSync(specFile, 'utf8');
    } catch (error) {
      return {
        source,
        errors: [
          {
            field: '(file)',
            message: `cannot read ${specFile}: ${(error as Error).message}`,
          },
        ],
      };
    }
    try {
      // YAML 1.2 is a superset of JSON: one parser for both.
      input = parseYaml(text);
    } catch (error) {
      return {
        source,
        errors: [
          {
            field: '(file)',
            message: `${specFile} is not valid YAML or JSON: ${
              (error as Error).message
            }`,
          },
        ],
      };
    }
  }
  const result = validateEnvironmentSpec(input);
  return result.ok ? { spec: result.spec } : { errors: result.errors, source };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

function formatEstimate(estimate: CostEstimate): string {
  const width = Math.max(...estimate.lines.map(line => line.label.length));
  const lines = estimate.lines.map(
    line =>
      `  ${line.label.padEnd(width)}  ${usd(line.monthlyUsd).padStart(10)}   ${
        line.basis
      }`,
  );
  const comparison = compareWithSeed(estimate);
  const out = [
    `Monthly estimate (prices: ${estimate.priceTable.region} on-demand, table of ${estimate.priceTable.date})`,
    ...lines,
    `  ${'Total'.padEnd(width)}  ${usd(estimate.totalMonthlyUsd).padStart(10)}`,
    '',
    `Budget ${usd(
      estimate.budgetUsd,
    )}: ${estimate.verdict.toUpperCase()} (${Math.round(
      estimate.budgetShare * 100,
    )} % of budget)`,
  ];
  if (estimate.suggestions.length > 0) {
    out.push('', 'Suggestions (savings from re-estimating the changed spec):');
    for (const suggestion of estimate.suggestions) {
      out.push(
        `  - save ${usd(suggestion.monthlySavingsUsd)}/month: ${
          suggestion.description
        }`,
      );
    }
  }
  out.push('', 'Against the seed’s cost table:');
  for (const row of comparison.rows) {
    const sign = row.differenceUsd >= 0 ? '+' : '-';
    out.push(
      `  ${row.seed.label.padEnd(20)} seed ${usd(row.seed.monthlyUsd).padStart(
        8,
      )}   model ${usd(row.modelUsd).padStart(9)}   ${sign}${usd(
        Math.abs(row.differenceUsd),
      )}`,
    );
  }
  out.push(
    `  ${'Total'.padEnd(20)} seed ~${usd(
      comparison.seedTotalUsd,
    )}   model ${usd(comparison.modelTotalUsd)}`,
  );
  for (const note of comparison.notes) {
    out.push(`  * ${note}`);
  }
  out.push('', 'Notes:', ...estimate.notes.map(note => `  * ${note}`));
  return `${out.join('\n')}\n`;
}

function formatNag(synthesis: EnvironmentSynthesis): string {
  const { nag } = synthesis;
  const out = [
    `cdk-nag (${nag.pack}): ${
      nag.passed
        ? 'no unacknowledged findings'
        : `${nag.findings.length} unacknowledged finding(s)`
    }, ${nag.acknowledgements.length} acknowledged`,
  ];
  for (const finding of nag.findings) {
    out.push(
      `  ${finding.severity.toUpperCase()} ${finding.ruleId} at ${
        finding.path
      }: ${finding.description} [${finding.plugin}]`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** PASS, FAIL or N/A (the spec leaves out what the claim is about). */
function claimStatus(claim: { passed: boolean; notApplicable?: boolean }) {
  if (claim.notApplicable) {
    return 'N/A ';
  }
  return claim.passed ? 'PASS' : 'FAIL';
}

function formatCheck(synthesis: EnvironmentSynthesis): string {
  const { conformance } = synthesis;
  const out = [
    `Seed conformance: ${conformance.summary.passed} of ${conformance.claims.length} claims pass`,
  ];
  for (const claim of conformance.claims) {
    out.push(
      `  ${claimStatus(claim)} ${claim.id}: ${claim.title}`,
      `       seed: "${claim.seedText}"`,
      `       found: ${claim.evidence}`,
    );
  }
  out.push('', formatNag(synthesis).trimEnd(), '', 'Acknowledged:');
  for (const ack of synthesis.nag.acknowledgements) {
    out.push(`  ${ack.ruleId} at ${ack.path}: ${ack.reason}`);
  }
  return `${out.join('\n')}\n`;
}

/** The spec's versions in the lifecycle calendar, for `check`. */
function formatLifecycle(spec: EnvironmentSpec, at: Date): string {
  const out = [
    `Version lifecycle (calendar compiled ${LIFECYCLE_CALENDAR_COMPILED}):`,
  ];
  const versions = [
    ['Kubernetes', lifecycleOf('eks', spec.cluster.kubernetesVersion, at)],
    [
      'PostgreSQL',
      lifecycleOf('rds-postgres', spec.database.engineVersion, at),
    ],
  ] as const;
  for (const [product, lifecycle] of versions) {
    if (lifecycle) {
      const extra = lifecycle.extraMonthlyUsd
        ? ` (about $${lifecycle.extraMonthlyUsd.toFixed(2)} a month extra)`
        : '';
      const next = lifecycle.nextVersion
        ? `; next step ${lifecycle.nextVersion}`
        : '';
      out.push(
        `  ${product} ${lifecycle.version}: ${lifecycle.support}, standard support to ${lifecycle.standardSupportEnds}, extended to ${lifecycle.extendedSupportEnds}${extra}${next}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function formatSynth(synthesis: EnvironmentSynthesis): string {
  const out = [`Cloud assembly written to ${synthesis.assemblyDir}`];
  for (const stack of synthesis.stacks) {
    out.push(
      `  ${stack.stackName.padEnd(32)} ${stack.account} ${stack.region.padEnd(
        14,
      )} ${Object.keys(stack.template.Resources ?? {}).length} resources${
        stack.terminationProtection ? ', termination protection' : ''
      }`,
    );
  }
  out.push('', formatNag(synthesis).trimEnd());
  return `${out.join('\n')}\n`;
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  const loaded = loadSpec(options.specFile);
  if ('errors' in loaded) {
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ errors: loaded.errors }, null, 2)}\n`,
      );
    } else {
      io.stderr.write(
        `Invalid environment spec (${loaded.source}):\n${loaded.errors
          .map(error => `  - ${error.field}: ${error.message}`)
          .join('\n')}\n`,
      );
    }
    return 2;
  }
  const { spec } = loaded;
  const estimateOptions = { asOf: options.asOf };
  const at = options.asOf ? new Date(`${options.asOf}T00:00:00Z`) : new Date();

  if (options.command === 'bootstrap-policy') {
    return runBootstrapPolicy(
      spec,
      {
        account: options.account!,
        out: options.out,
        principal: options.principal,
        json: options.json,
      },
      io,
    );
  }

  if (options.command === 'estimate') {
    const estimate = estimateFromSpec(spec, estimateOptions);
    io.stdout.write(
      options.json
        ? `${JSON.stringify(
            { estimate, seedComparison: compareWithSeed(estimate) },
            null,
            2,
          )}\n`
        : formatEstimate(estimate),
    );
    return 0;
  }

  const temporary =
    options.command === 'check' && !options.out
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'innovate-check-'))
      : undefined;
  try {
    const synthesis = await synthesizeEnvironment(spec, {
      outdir: temporary ?? path.resolve(options.out ?? 'cdk.out'),
      estimate: estimateOptions,
    });
    if (options.command === 'synth') {
      io.stdout.write(
        options.json
          ? `${JSON.stringify(
              {
                assemblyDir: synthesis.assemblyDir,
                stacks: synthesis.stacks.map(({ template, ...stack }) => ({
                  ...stack,
                  resources: Object.keys(template.Resources ?? {}).length,
                })),
                nag: synthesis.nag,
              },
              null,
              2,
            )}\n`
          : formatSynth(synthesis),
      );
      return synthesis.nag.passed ? 0 : 1;
    }
    io.stdout.write(
      options.json
        ? `${JSON.stringify(
            { conformance: synthesis.conformance, nag: synthesis.nag },
            null,
            2,
          )}\n`
        : `${formatCheck(synthesis)}\n${formatLifecycle(spec, at)}`,
    );
    const staleCalendar = lifecycleCalendarStaleWarning(at);
    if (staleCalendar) {
      io.stderr.write(`Warning: ${staleCalendar}\n`);
    }
    return synthesis.conformance.passed && synthesis.nag.passed ? 0 : 1;
  } finally {
    if (temporary) {
      fs.rmSync(temporary, { recursive: true, force: true });
    }
  }
}

/**
 * The `yarn env` command line: `synth`, `estimate`, `check` or
 * `bootstrap-policy` of an environment spec. Returns the exit code.
 *
 * @public
 */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await run(options, io);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
