import type { JsonObject } from '@backstage/types';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { EnvironmentSynthesizer, SynthesizedEnvironment } from './types';

/**
 * Loads the CDK app on first use: aws-cdk-lib takes seconds and hundreds of
 * megabytes to load, and a portal without deployments never needs it. A
 * lazy require rather than `import()`: the package is CommonJS here and
 * Jest runs backend code without native dynamic imports.
 */
function loadEnvironmentCdk(): typeof import('@innovate/environment-cdk') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@innovate/environment-cdk');
}

/**
 * The real synthesizer: the bundled CDK app of `@innovate/environment-cdk`,
 * loaded on first use (aws-cdk-lib is large and slow to load).
 */
export class CdkEnvironmentSynthesizer implements EnvironmentSynthesizer {
  async synthesize(
    spec: EnvironmentSpec,
    options: { outdir: string },
  ): Promise<SynthesizedEnvironment> {
    const { synthesizeEnvironment } = loadEnvironmentCdk();
    const synthesis = await synthesizeEnvironment(spec, {
      outdir: options.outdir,
    });
    return {
      assemblyDir: synthesis.assemblyDir,
      stacks: synthesis.stacks.map(stack => ({
        id: stack.id,
        stackName: stack.stackName,
        account: stack.account,
        region: stack.region,
        stateful: stack.stateful,
        terminationProtection: stack.terminationProtection,
        // Templates and entities are plain JSON read from the assembly.
        template: stack.template as unknown as JsonObject,
      })),
      checks: {
        nag: synthesis.nag,
        conformance: synthesis.conformance,
        estimate: synthesis.estimate,
      },
      entities: synthesis.entities as unknown as JsonObject[],
    };
  }
}
