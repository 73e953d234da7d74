import type { StackSelector, Toolkit } from '@aws-cdk/toolkit-lib';
import {
  CdkToolkit,
  SecurityChangeNeedsApprovalError,
  ToolkitDeployedStack,
  ToolkitDeployRequest,
} from './CdkToolkit';
import { DeploymentIoHost } from './toolkitIo';

/**
 * Loads toolkit-lib on first use: it is large and only the aws source (and
 * stack selection) needs it. A lazy require rather than `import()`, which
 * Jest does not run in backend packages.
 */
function loadToolkitLib(): typeof import('@aws-cdk/toolkit-lib') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@aws-cdk/toolkit-lib');
}

/** Options of {@link ToolkitLibCdkToolkit}. */
export interface ToolkitLibCdkToolkitOptions {
  /**
   * How long to wait between two polls of CloudFormation (stack events and
   * status) while a stack deploys or is deleted.
   *
   * @defaultValue toolkit-lib's default (2 s for events, 5 s for status)
   */
  stackEventPollingIntervalMs?: number;
}

/**
 * The real {@link CdkToolkit}: `@aws-cdk/toolkit-lib` with CloudFormation
 * change sets, base credentials from `@backstage/integration-aws-node`.
 * Kept thin; `ToolkitLibCdkToolkit.test.ts` runs it against mocked AWS.
 */
export class ToolkitLibCdkToolkit implements CdkToolkit {
  constructor(private readonly options: ToolkitLibCdkToolkitOptions = {}) {}

  private toolkit(
    request: Pick<ToolkitDeployRequest, 'credentials' | 'region'>,
    ioHost: DeploymentIoHost,
  ): Toolkit {
    const lib = loadToolkitLib();
    return new lib.Toolkit({
      ioHost,
      emojis: false,
      color: false,
      sdkConfig: {
        baseCredentials: lib.BaseCredentials.custom({
          provider: request.credentials,
          region: request.region,
        }),
      },
    });
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
    const assembly = await source.produce();
    try {
      return new Map(
        assembly.cloudAssembly.stacksRecursively.map(stack => [
          stack.stackName,
          stack.hierarchicalId,
        ]),
      );
    } finally {
      await assembly.dispose();
    }
  }

  private async select(
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
      strategy: loadToolkitLib().StackSelectionStrategy.PATTERN_MUST_MATCH,
      patterns,
    };
  }

  async deploy(request: ToolkitDeployRequest): Promise<ToolkitDeployedStack[]> {
    const { method } = request;
    const ioHost = new DeploymentIoHost(
      request.events,
      {
        executes: method.kind === 'execute-change-set' || method.execute,
        approvedByPerson: request.approvedByPerson ?? false,
      },
      request.fence,
    );
    const toolkit = this.toolkit(request, ioHost);
    const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
    try {
      const result = await toolkit.deploy(source, {
        stacks: await this.select(request.assemblyDir, request.stackNames),
        deploymentMethod:
          method.kind === 'change-set'
            ? {
                method: 'change-set',
                changeSetName: method.changeSetName,
                execute: method.execute,
              }
            : {
                method: 'execute-change-set',
                changeSetName: method.changeSetName,
              },
        stackEventPollingInterval: this.options.stackEventPollingIntervalMs,
      });
      return result.stacks.map(stack => ({
        stackName: stack.stackName,
        hierarchicalId: stack.hierarchicalId,
        outputs: stack.outputs,
      }));
    } catch (error) {
      // toolkit-lib reports a declined confirmation as "Deployment cancelled".
      if (ioHost.declined) {
        throw new SecurityChangeNeedsApprovalError(
          ioHost.declined.stackName,
          ioHost.declined.securityDiff,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async destroy(request: Parameters<CdkToolkit['destroy']>[0]) {
    const toolkit = this.toolkit(
      request,
      new DeploymentIoHost(request.events, undefined, request.fence),
    );
    const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
    await toolkit.destroy(source, {
      stacks: await this.select(request.assemblyDir, request.stackNames),
      stackEventPollingInterval: this.options.stackEventPollingIntervalMs,
    });
  }
}
