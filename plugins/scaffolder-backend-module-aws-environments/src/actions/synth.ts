import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '@backstage/errors';
import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { synthesizeEnvironmentInWorker } from '@innovate/environment-cdk';
import { synthesisProblems } from '@innovate/plugin-aws-environments-common';
import yaml from 'yaml';
import { examples } from './synth.examples';
import { allowedDeviationsInput } from './inputs';
import { parseSpecInput, SPEC_INPUT_DESCRIPTION } from './spec';

/**
 * `aws-environments:synth`: synthesizes the environment's CDK app into the
 * task workspace, with the cdk-nag results, the seed conformance report, the
 * cost estimate from the template and the catalog entities beside it.
 *
 * @public
 */
export function createSynthAction() {
  return createTemplateAction({
    id: 'aws-environments:synth',
    description:
      'Synthesizes an AWS environment (CDK) into the workspace and checks it against cdk-nag and the seed architecture',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z => z.record(z.unknown()).describe(SPEC_INPUT_DESCRIPTION),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder for the cloud assembly (cdk.out), reports/ and catalog/ (default: infrastructure)',
            ),
        allowedDeviations: allowedDeviationsInput(
          'Ids of seed conformance claims allowed to fail (e.g. nat-per-az for one NAT gateway). cdk-nag findings are never allowed.',
        ),
      },
      output: {
        assemblyPath: z =>
          z.string().describe('Workspace path of the cloud assembly'),
        stacks: z => z.array(z.string()).describe('CloudFormation stack names'),
        conformancePassed: z =>
          z.boolean().describe('True when every seed claim passed'),
        failedClaims: z =>
          z.array(z.string()).describe('Ids of the seed claims that failed'),
        nagAcknowledgements: z =>
          z
            .number()
            .describe(
              'cdk-nag findings acknowledged in the CDK app, with reasons',
            ),
        entitiesPath: z =>
          z.string().describe('Workspace path of the catalog entities (YAML)'),
        estimatedMonthlyUsd: z =>
          z
            .number()
            .describe(
              'Monthly estimate computed from the synthesized template',
            ),
      },
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? 'infrastructure',
      );
      const assemblyDir = join(target, 'cdk.out');
      ctx.logger.info(`Synthesizing ${spec.name} into ${assemblyDir}`);
      const started = Date.now();
      // In a worker thread: aws-cdk-lib's seconds of synchronous work
      // would stall every plugin of the backend.
      const result = await synthesizeEnvironmentInWorker(spec, {
        outdir: assemblyDir,
      });
      ctx.logger.info(
        `Synthesized ${result.stacks.length} stacks in ${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s: ${result.stacks.map(s => s.stackName).join(', ')}`,
      );

      const entitiesFile = await writeResults(target, result);
      logChecks(ctx.logger, result);
      rejectProblems(result, ctx.input.allowedDeviations ?? []);

      const { claims } = result.conformance;
      const rel = (path: string) => relative(ctx.workspacePath, path);
      ctx.output('assemblyPath', rel(assemblyDir));
      ctx.output(
        'stacks',
        result.stacks.map(s => s.stackName),
      );
      ctx.output('conformancePassed', result.conformance.passed);
      ctx.output(
        'failedClaims',
        claims.filter(c => !c.passed).map(c => c.id),
      );
      ctx.output('nagAcknowledgements', result.nag.acknowledgements.length);
      ctx.output('entitiesPath', rel(entitiesFile));
      ctx.output('estimatedMonthlyUsd', result.estimate.totalMonthlyUsd);
    },
  });
}

type Synthesis = Awaited<ReturnType<typeof synthesizeEnvironmentInWorker>>;

/**
 * Writes the reports (conformance, cdk-nag, estimate) and the catalog
 * entities beside the assembly; returns the entities file.
 */
async function writeResults(target: string, result: Synthesis) {
  const reports = join(target, 'reports');
  const catalog = join(target, 'catalog');
  await fs.mkdir(reports, { recursive: true });
  await fs.mkdir(catalog, { recursive: true });
  const writeJson = (file: string, data: unknown) =>
    fs.writeFile(join(reports, file), `${JSON.stringify(data, null, 2)}\n`);
  await writeJson('conformance.json', result.conformance);
  await writeJson('nag.json', result.nag);
  await writeJson('estimate.json', result.estimate);
  const entitiesFile = join(catalog, 'entities.yaml');
  await fs.writeFile(
    entitiesFile,
    result.entities.map(e => yaml.stringify(e)).join('---\n'),
  );
  return entitiesFile;
}

/** PASS, FAIL or N/A (the spec leaves out what the claim is about). */
function claimStatus(claim: { passed: boolean; notApplicable?: boolean }) {
  if (claim.notApplicable) {
    return 'N/A';
  }
  return claim.passed ? 'PASS' : 'FAIL';
}

/** Each seed claim's result, and cdk-nag's count, in the task log. */
function logChecks(logger: Pick<LoggerService, 'info'>, result: Synthesis) {
  for (const claim of result.conformance.claims) {
    logger.info(`${claimStatus(claim)} ${claim.id}: ${claim.evidence}`);
  }
  logger.info(
    `cdk-nag: ${result.nag.findings.length} unacknowledged findings, ${result.nag.acknowledgements.length} acknowledged with reasons`,
  );
}

/** Fails on a cdk-nag finding or a failed claim that is not allowed. */
function rejectProblems(result: Synthesis, allowedDeviations: string[]) {
  const problems = synthesisProblems(
    result.nag,
    result.conformance,
    allowedDeviations,
  );
  if (problems.length > 0) {
    throw new InputError(
      `The environment does not meet the seed architecture or cdk-nag:\n${problems
        .map(p => `  - ${p}`)
        .join(
          '\n',
        )}\nChange the spec, or list the claim ids in allowedDeviations if the deviation is intended.`,
    );
  }
}
