import type { JsonObject } from '@backstage/types';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type {
  RecordedChecks,
  RecordedStack,
} from '../EnvironmentRegistry/types';

/** The result of synthesizing an environment's CDK app. */
export interface SynthesizedEnvironment {
  /** The cloud assembly directory (input of toolkit-lib deployments). */
  assemblyDir: string;
  stacks: RecordedStack[];
  checks: RecordedChecks;
  /** Catalog entities for the environment's parts. */
  entities: JsonObject[];
}

/** Turns a spec into CloudFormation templates (through `@innovate/environment-cdk`). */
export interface EnvironmentSynthesizer {
  synthesize(
    spec: EnvironmentSpec,
    options: { outdir: string },
  ): Promise<SynthesizedEnvironment>;
}
