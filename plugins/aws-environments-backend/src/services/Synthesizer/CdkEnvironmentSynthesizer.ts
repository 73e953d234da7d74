import type { JsonObject } from '@backstage/types';
import {
  defaultEnvironmentSpec,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EnvironmentSynthesizer, SynthesizedEnvironment } from './types';

/**
 * Loads the CDK app on first use: aws-cdk-lib takes seconds and hundreds of
 * megabytes to load, and only the thread that synthesizes needs it (the
 * backend's main thread imports this module too, through the worker's
 * entry module, and must not pay for it). A lazy require rather than
 * `import()`: the package is CommonJS here and Jest runs backend code
 * without native dynamic imports.
 */
function loadEnvironmentCdk(): typeof import('@innovate/environment-cdk') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@innovate/environment-cdk');
}

/**
 * The bundled CDK app of `@innovate/environment-cdk`, run on the calling
 * thread: synthesis is seconds of synchronous CPU work. The backend runs it
 * inside the synthesis worker thread (`WorkerEnvironmentSynthesizer`); on
 * the backend's own thread it would stall every plugin, which the
 * event-loop benchmark (`scripts/eventLoopBench.ts`) measures.
 */
export class CdkEnvironmentSynthesizer implements EnvironmentSynthesizer {
  /**
   * Synthesizes the seed environment once, into a temporary directory:
   * aws-cdk-lib loads most of its modules at first use, and the first
   * synthesis in a process takes several times as long as later ones.
   */
  async warmUp(): Promise<void> {
    const outdir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'aws-environments-warm-up-'),
    );
    try {
      await this.synthesize(defaultEnvironmentSpec(), { outdir });
    } finally {
      await fs.rm(outdir, { recursive: true, force: true });
    }
  }

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
