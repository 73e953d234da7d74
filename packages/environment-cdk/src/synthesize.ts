import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  ConformanceReport,
  CostEstimate,
  EnvironmentSpec,
  EstimateOptions,
  NagReport,
  parseEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { buildEnvironmentApp } from './app';
import { assemblyStacks } from './assemblyStacks';
import { EnvironmentEntitiesOptions, environmentEntities } from './catalog';
import { checkConformance } from './conformance';
import { estimateFromTemplates } from './cost';
import { nagReport } from './nag';
import type { EnvironmentStackTemplate } from './templates';

/**
 * One synthesized stack of an environment.
 *
 * @public
 */
export interface SynthesizedStack extends EnvironmentStackTemplate {
  /** True for the stack that holds data (the database). */
  stateful: boolean;
  /**
   * True for the account baseline: shared by the environments of the
   * account and region, never deleted by an environment's destroy.
   */
  shared: boolean;
  terminationProtection: boolean;
  /** Absolute path of the template in the cloud assembly. */
  templateFile: string;
}

/**
 * Everything synthesizing an environment yields.
 *
 * @public
 */
export interface EnvironmentSynthesis {
  spec: EnvironmentSpec;
  /** The cloud assembly directory (`cdk.out`). */
  assemblyDir: string;
  stacks: SynthesizedStack[];
  nag: NagReport;
  conformance: ConformanceReport;
  estimate: CostEstimate;
  entities: Entity[];
}

/**
 * Options of {@link synthesizeEnvironment}.
 *
 * @public
 */
export interface SynthesizeEnvironmentOptions {
  /**
   * Where to write the cloud assembly.
   *
   * @defaultValue a new temporary directory
   */
  outdir?: string;
  /**
   * Options of the cost estimate from the templates.
   *
   * @defaultValue prices as of today
   */
  estimate?: EstimateOptions;
  /**
   * Owner, system and namespace of the catalog entities.
   *
   * @defaultValue the defaults of {@link EnvironmentEntitiesOptions}
   */
  entities?: EnvironmentEntitiesOptions;
  /**
   * Copy the assets into the cloud assembly (`stageAssets` of
   * `BuildEnvironmentAppOptions`): off only for an assembly that is read,
   * never deployed or moved.
   *
   * @defaultValue true
   */
  stageAssets?: boolean;
}

/**
 * Synthesis failed: the CDK app could not be built or synthesized, or it
 * asked for context lookups. The message says which environment and why.
 *
 * @public
 */
export class EnvironmentSynthesisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentSynthesisError';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the environment's CDK app in-process, runs cdk-nag (AwsSolutions)
 * and aws-cdk-lib's other validations, writes the cloud assembly and
 * returns the stacks with their templates, the nag report, the seed
 * conformance report, the cost estimate from the templates and the catalog
 * entities. Needs no AWS credentials and no network.
 *
 * Nag findings do not throw: they are in `nag.findings` (and `nag.passed`
 * is false); callers decide (the CLI's `check` exits 1).
 *
 * @public
 */
export async function synthesizeEnvironment(
  spec: EnvironmentSpec,
  options: SynthesizeEnvironmentOptions = {},
): Promise<EnvironmentSynthesis> {
  const validSpec = parseEnvironmentSpec(spec);
  const outdir =
    options.outdir ??
    fs.mkdtempSync(path.join(os.tmpdir(), `innovate-${validSpec.name}-`));

  let built: ReturnType<typeof buildEnvironmentApp>;
  try {
    built = buildEnvironmentApp(validSpec, {
      outdir,
      stageAssets: options.stageAssets,
    });
  } catch (error) {
    throw new EnvironmentSynthesisError(
      `Could not build the CDK app of environment "${
        validSpec.name
      }": ${describe(error)}`,
      { cause: error },
    );
  }
  const { app, stacks } = built;
  let assembly: ReturnType<typeof app.synth>;
  try {
    assembly = app.synth();
  } catch (error) {
    throw new EnvironmentSynthesisError(
      `Synthesis of environment "${validSpec.name}" failed: ${describe(error)}`,
      { cause: error },
    );
  }
  const missing = assembly.manifest.missing ?? [];
  if (missing.length > 0) {
    throw new EnvironmentSynthesisError(
      `Environment "${validSpec.name}" needs context lookups (${missing
        .map(entry => entry.key)
        .join(', ')}); the app must synthesize without AWS access`,
    );
  }

  const synthesized = assemblyStacks(stacks, assembly);

  return {
    spec: validSpec,
    assemblyDir: assembly.directory,
    stacks: synthesized,
    nag: nagReport(app, assembly.directory),
    conformance: checkConformance(validSpec, synthesized),
    estimate: estimateFromTemplates(
      synthesized,
      validSpec.budget.monthlyUsd,
      options.estimate,
    ),
    entities: environmentEntities(validSpec, synthesized, options.entities),
  };
}
