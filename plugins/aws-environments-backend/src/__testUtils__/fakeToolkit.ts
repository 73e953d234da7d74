import {
  CdkToolkit,
  SecurityChangeNeedsApprovalError,
  ToolkitDeployedStack,
  ToolkitDeployRequest,
} from '../services/Deployments/aws/CdkToolkit';

/**
 * A toolkit-lib stand-in: records what it was asked, streams a
 * CloudFormation-like event per stack, and answers with outputs.
 */
export class FakeToolkit implements CdkToolkit {
  readonly deploys: ToolkitDeployRequest[] = [];
  readonly destroys: Array<Parameters<CdkToolkit['destroy']>[0]> = [];
  failure?: Error;
  /**
   * Stacks whose changes widen IAM permissions: as toolkit-lib through the
   * portal's io host, executing them without `approvedByPerson` stops the
   * deploy at that stack with a {@link SecurityChangeNeedsApprovalError}.
   */
  readonly widensPermissions = new Set<string>();

  async deploy(request: ToolkitDeployRequest): Promise<ToolkitDeployedStack[]> {
    this.deploys.push(request);
    if (this.failure) {
      throw this.failure;
    }
    if (request.stackNames.length === 0) {
      // toolkit-lib's PATTERN_MUST_MATCH selection of no stack at all.
      throw new Error('NoStacksMatched: No stacks match the name(s) ');
    }
    const status =
      request.method.kind === 'change-set' && !request.method.execute
        ? 'REVIEW_IN_PROGRESS'
        : 'CREATE_COMPLETE';
    const executes =
      request.method.kind === 'execute-change-set' || request.method.execute;
    for (const stackName of request.stackNames) {
      if (
        executes &&
        !request.approvedByPerson &&
        this.widensPermissions.has(stackName)
      ) {
        throw new SecurityChangeNeedsApprovalError(
          stackName,
          `IAM Statement Changes of ${stackName}`,
        );
      }
      await request.events.emit({
        level: 'info',
        message: `${status} AWS::CloudFormation::Stack ${stackName}`,
        stack: stackName,
        logicalId: stackName,
        resourceStatus: status,
      });
    }
    return request.stackNames.map(stackName => ({
      stackName,
      hierarchicalId: stackName,
      outputs: { StackOutput: `value-of-${stackName}` },
    }));
  }

  async destroy(request: Parameters<CdkToolkit['destroy']>[0]) {
    this.destroys.push(request);
    if (this.failure) {
      throw this.failure;
    }
  }
}
