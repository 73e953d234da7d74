import { GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { JsonObject } from '@backstage/types';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  checkSpecUpdate,
  updateSteps,
  type CostEstimate,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AwsClientFactory } from '../AwsClients/types';
import type {
  EnvironmentRecord,
  RecordedStack,
} from '../EnvironmentRegistry/types';
import type {
  EnvironmentSynthesizer,
  SynthesizedEnvironment,
} from '../Synthesizer/types';
import {
  BlockedChange,
  blockedChanges,
  ResourceChange,
  stackChanges,
} from './changes';
import {
  CheckComparison,
  compareChecks,
  compareCost,
  CostComparison,
} from './summaries';
import { isMissingStack } from '../../lib/cloudFormationErrors';

/** What a change of an environment's spec would do. */
export interface ChangePreview {
  changes: ResourceChange[];
  cost: CostComparison;
  checks: CheckComparison;
  blocked: BlockedChange[];
  /** The order AWS applies the update in, as sentences. */
  steps: string[];
}

/** Deployed templates by stack name. */
type Templates = Map<string, JsonObject>;

/**
 * Previews a change of an environment's spec without changing anything:
 * the resources CloudFormation would add, modify, replace or remove (from
 * `@aws-cdk/cloudformation-diff` between the deployed templates and the
 * proposed spec's synthesis), the cost by line, the synth checks before and
 * after, and what blocks the change (the update rules, and data loss not
 * accepted).
 *
 * Deployed templates: in the sandbox, the synthesis of the recorded spec;
 * in AWS, each stack's template as CloudFormation has it (`GetTemplate`,
 * stage `Original`), and an empty one for a stack that does not exist yet
 * (so every resource of it is an `add`).
 */
export class PreviewService {
  constructor(
    private readonly deps: {
      synthesizer: EnvironmentSynthesizer;
      awsClients: AwsClientFactory;
      estimate: (spec: EnvironmentSpec) => CostEstimate;
      workDirectory: string;
    },
  ) {}

  async preview(
    environment: EnvironmentRecord,
    proposed: EnvironmentSpec,
    acceptDataLoss: string[],
  ): Promise<ChangePreview> {
    const current = environment.spec;
    const [before, after] = await Promise.all([
      this.synthesize(current),
      this.synthesize(proposed),
    ]);
    const deployed =
      environment.source === 'aws'
        ? await this.deployedTemplates([...before.stacks, ...after.stacks])
        : templatesOf(before.stacks);
    const changes = this.changes(deployed, templatesOf(after.stacks));
    return {
      changes,
      cost: compareCost(
        this.deps.estimate(current),
        this.deps.estimate(proposed),
      ),
      checks: compareChecks(before.checks, after.checks),
      blocked: blockedChanges({
        changes,
        current,
        proposed,
        acceptDataLoss,
        updateErrors: checkSpecUpdate(current, proposed),
      }),
      steps: updateSteps(current, proposed),
    };
  }

  /** Resource changes stack by stack, in the order of the stacks. */
  private changes(deployed: Templates, proposed: Templates): ResourceChange[] {
    const stackNames = [...new Set([...deployed.keys(), ...proposed.keys()])];
    return stackNames.flatMap(stack =>
      stackChanges(stack, deployed.get(stack) ?? {}, proposed.get(stack) ?? {}),
    );
  }

  /** A synthesis into a directory of its own, removed afterwards. */
  private async synthesize(
    spec: EnvironmentSpec,
  ): Promise<SynthesizedEnvironment> {
    const outdir = path.join(
      this.deps.workDirectory,
      AWS_ENVIRONMENTS_PLUGIN_ID,
      `preview-${randomUUID()}`,
    );
    try {
      return await this.deps.synthesizer.synthesize(spec, { outdir });
    } finally {
      await fs.rm(outdir, { recursive: true, force: true });
    }
  }

  /** The templates CloudFormation has for the stacks that exist. */
  private async deployedTemplates(stacks: RecordedStack[]): Promise<Templates> {
    // One GetTemplate per stack name (before and after share most), in parallel.
    const byName = new Map(stacks.map(stack => [stack.stackName, stack]));
    const found = await Promise.all(
      [...byName.values()].map(
        async stack =>
          [stack.stackName, await this.deployedTemplate(stack)] as const,
      ),
    );
    return new Map(
      found.filter((entry): entry is [string, JsonObject] => !!entry[1]),
    );
  }

  private async deployedTemplate(
    stack: RecordedStack,
  ): Promise<JsonObject | undefined> {
    const cloudFormation = await this.deps.awsClients.cloudFormation({
      accountId: stack.account,
      region: stack.region,
    });
    try {
      const out = await cloudFormation.send(
        new GetTemplateCommand({
          StackName: stack.stackName,
          TemplateStage: 'Original',
        }),
      );
      return out.TemplateBody ? parseTemplate(out.TemplateBody) : undefined;
    } catch (error) {
      if (isMissingStack(error)) {
        return undefined;
      }
      throw error;
    }
  }
}

function templatesOf(stacks: RecordedStack[]): Templates {
  return new Map(stacks.map(stack => [stack.stackName, stack.template]));
}

/**
 * A template body as CloudFormation returns it: JSON for templates the CDK
 * deployed. A YAML body (a stack deployed by other means) is not parsed.
 */
function parseTemplate(body: string): JsonObject {
  try {
    return JSON.parse(body) as JsonObject;
  } catch {
    throw new Error(
      'The deployed template is not JSON; only stacks deployed by the portal (CDK, JSON templates) can be previewed',
    );
  }
}
