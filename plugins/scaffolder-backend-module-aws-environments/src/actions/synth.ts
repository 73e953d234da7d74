import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { synthesizeEnvironmentInWorker } from '@innovate/environment-cdk';
import { synthesisProblems } from '@innovate/plugin-aws-environments-common';
import yaml from 'yaml';
import { examples } from './synth.examples';
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
        allowedDeviations: z =>
          z
            .array(z.string())
            .optional()
            .describe(
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

      const { claims } = result.conformance;
      for (const claim of claims) {
        ctx.logger.info(
          `${claim.passed ? 'PASS' : 'FAIL'} ${claim.id}: ${claim.evidence}`,
        );
      }
      ctx.logger.info(
        `cdk-nag: ${result.nag.findings.length} unacknowledged findings, ${result.nag.acknowledgements.length} acknowledged with reasons`,
      );

      const problems = synthesisProblems(
        result.nag,
        result.conformance,
        ctx.input.allowedDeviations ?? [],
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
