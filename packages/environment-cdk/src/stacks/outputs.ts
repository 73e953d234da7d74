import { CfnOutput, CfnOutputProps, Stack } from 'aws-cdk-lib';

/**
 * Adds the stack's outputs. Output ids are a contract: the backend reads
 * them as `<stack>.<output>` after a deployment.
 */
export function addOutputs(
  stack: Stack,
  outputs: Record<string, CfnOutputProps>,
): CfnOutput[] {
  return Object.entries(outputs).map(
    ([id, props]) => new CfnOutput(stack, id, props),
  );
}
