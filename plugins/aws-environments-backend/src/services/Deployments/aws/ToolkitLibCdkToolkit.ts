import type {
  IIoHost,
  IoMessage,
  IoRequest,
  StackSelector,
  Toolkit,
} from '@aws-cdk/toolkit-lib';
import type { DeploymentEventSink } from '../types';
import type {
  CdkToolkit,
  ToolkitDeployedStack,
  ToolkitDeployRequest,
} from './CdkToolkit';
import { toolkitMessageToEvent } from './toolkitIo';

/**
 * Loads toolkit-lib on first use: it is large and only the aws source (and
 * stack selection) needs it. A lazy require rather than `import()`, which
 * Jest does not run in backend packages.
 */
function loadToolkitLib(): typeof import('@aws-cdk/toolkit-lib') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-cdk/toolkit-lib');
}

/** Asks to confirm security-sensitive changes (deploy) and stack deletion (destroy). */
const CONFIRMATIONS_GIVEN_BY_THE_PORTAL = new Set([
  'CDK_TOOLKIT_I5060',
  'CDK_TOOLKIT_I7010',
]);

/**
 * Streams toolkit-lib messages into the deployment's events. Confirmation
 * prompts are answered yes: the person approved in the portal (the change
 * set review, or the repeated name for a destroy).
 */
class DeploymentIoHost implements IIoHost {
  constructor(private readonly events: DeploymentEventSink) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    const event = toolkitMessageToEvent(msg);
    if (event) {
      await this.events.emit(event);
    }
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    await this.notify(msg);
    if (CONFIRMATIONS_GIVEN_BY_THE_PORTAL.has(msg.code)) {
      return true as T;
    }
    return msg.defaultResponse;
  }
}

/**
 * The real {@link CdkToolkit}: `@aws-cdk/toolkit-lib` with CloudFormation
 * change sets, base credentials from `@backstage/integration-aws-node`.
 * Kept thin; the orchestration around it is tested with a fake.
 */
export class ToolkitLibCdkToolkit implements CdkToolkit {
  private async toolkit(request: {
    credentials: ToolkitDeployRequest['credentials'];
    region: string;
    events: DeploymentEventSink;
  }): Promise<{
    toolkit: Toolkit;
    lib: typeof import('@aws-cdk/toolkit-lib');
  }> {
    const lib = loadToolkitLib();
    const toolkit = new lib.Toolkit({
      ioHost: new DeploymentIoHost(request.events),
      emojis: false,
      color: false,
      sdkConfig: {
        baseCredentials: lib.BaseCredentials.custom({
          provider: request.credentials,
          region: request.region,
        }),
      },
    });
    return { toolkit, lib };
  }

  /**
   * The stacks of a cloud assembly: CloudFormation stack name to the
   * hierarchical id (construct path) that toolkit-lib's stack selection
   * matches. Reads the assembly only; needs no AWS access.
   */
  async stackIdsByName(assemblyDir: string): Promise<Map<string, string>> {
    const lib = loadToolkitLib();
    const toolkit = new lib.Toolkit({
      ioHost: new DeploymentIoHost({ emit: async () => {} }),
      sdkConfig: { baseCredentials: lib.BaseCredentials.none() },
    });
    const source = await toolkit.fromAssemblyDirectory(assemblyDir);
    const stacks = await toolkit.list(source, {
      stacks: { strategy: lib.StackSelectionStrategy.ALL_STACKS },
    });
    return new Map(stacks.map(stack => [stack.name, stack.id]));
  }

  private async select(
    lib: typeof import('@aws-cdk/toolkit-lib'),
    assemblyDir: string,
    stackNames: string[],
  ): Promise<StackSelector> {
    const ids = await this.stackIdsByName(assemblyDir);
    const patterns = stackNames.map(name => {
      const id = ids.get(name);
      if (!id) {
        throw new Error(
          `Stack ${name} is not in the synthesized cloud assembly (it has ${[
            ...ids.keys(),
          ].join(', ')})`,
        );
      }
      return id;
    });
    return {
      strategy: lib.StackSelectionStrategy.PATTERN_MUST_MATCH,
      patterns,
    };
  }

  async deploy(request: ToolkitDeployRequest): Promise<ToolkitDeployedStack[]> {
    const { toolkit, lib } = await this.toolkit(request);
    const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
    const result = await toolkit.deploy(source, {
      stacks: await this.select(lib, request.assemblyDir, request.stackNames),
      deploymentMethod:
        request.method.kind === 'change-set'
          ? {
              method: 'change-set',
              changeSetName: request.method.changeSetName,
              execute: request.method.execute,
            }
          : {
              method: 'execute-change-set',
              changeSetName: request.method.changeSetName,
            },
    });
    return result.stacks.map(stack => ({
      stackName: stack.stackName,
      hierarchicalId: stack.hierarchicalId,
      outputs: stack.outputs,
    }));
  }

  async destroy(request: Parameters<CdkToolkit['destroy']>[0]) {
    const { toolkit, lib } = await this.toolkit(request);
    const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
    await toolkit.destroy(source, {
      stacks: await this.select(lib, request.assemblyDir, request.stackNames),
    });
  }
}
