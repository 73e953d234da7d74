import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import type { JsonObject } from '@backstage/types';
import { isJsonObject } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../../EnvironmentRegistry/types';

/** CloudFormation's limit for a template sent in the request body. */
const TEMPLATE_BODY_LIMIT = 51_200;

const PROTECTED_TYPES = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
]);

function resources(stack: RecordedStack): [string, JsonObject][] {
  const all = stack.template.Resources;
  return isJsonObject(all)
    ? Object.entries(all).filter((entry): entry is [string, JsonObject] =>
        isJsonObject(entry[1]),
      )
    : [];
}

/** Logical ids of the databases in the stack with deletion protection on. */
export function protectedDatabases(stack: RecordedStack): string[] {
  return resources(stack)
    .filter(([, resource]) => {
      const properties = resource.Properties;
      return (
        PROTECTED_TYPES.has(String(resource.Type)) &&
        isJsonObject(properties) &&
        properties.DeletionProtection === true
      );
    })
    .map(([logicalId]) => logicalId);
}

/** `DBInstanceIdentifier`s of the stack's database instances. */
export function databaseInstanceIds(stack: RecordedStack): string[] {
  return resources(stack).flatMap(([, resource]) => {
    const id = isJsonObject(resource.Properties)
      ? resource.Properties.DBInstanceIdentifier
      : undefined;
    return resource.Type === 'AWS::RDS::DBInstance' && typeof id === 'string'
      ? [id]
      : [];
  });
}

/** The stack's template with deletion protection off on every database. */
export function withoutDeletionProtection(stack: RecordedStack): JsonObject {
  const template = structuredClone(stack.template);
  const all = template.Resources as Record<string, JsonObject>;
  for (const logicalId of protectedDatabases(stack)) {
    (all[logicalId].Properties as JsonObject).DeletionProtection = false;
  }
  return template;
}

/**
 * The template that lifts deletion protection, as sent to CloudFormation.
 * Throws, before anything is changed, when it is too large to send.
 */
export function unprotectedTemplateBody(stack: RecordedStack): string {
  const body = JSON.stringify(withoutDeletionProtection(stack));
  if (body.length > TEMPLATE_BODY_LIMIT) {
    throw new Error(
      `Cannot lift deletion protection of ${stack.stackName}: its template is ${body.length} bytes, over CloudFormation's ${TEMPLATE_BODY_LIMIT} for a template in the request; turn DeletionProtection off on its database in the console, then destroy again`,
    );
  }
  return body;
}

/**
 * Turns deletion protection off on the stack's databases through a change
 * set (the stack stays the source of truth, no drift), and waits for it.
 */
export async function liftDeletionProtection(
  cloudFormation: CloudFormationClient,
  stack: RecordedStack,
  changeSetName: string,
  maxWaitSeconds: number,
  /** Checked again before the change set is executed. */
  fence: () => Promise<void>,
): Promise<void> {
  const body = unprotectedTemplateBody(stack);
  const parameters = isJsonObject(stack.template.Parameters)
    ? Object.keys(stack.template.Parameters)
    : [];
  await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: stack.stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: 'UPDATE',
      TemplateBody: body,
      Parameters: parameters.map(ParameterKey => ({
        ParameterKey,
        UsePreviousValue: true,
      })),
      Capabilities: [
        'CAPABILITY_IAM',
        'CAPABILITY_NAMED_IAM',
        'CAPABILITY_AUTO_EXPAND',
      ],
      Description:
        'Innovate Portal: lift database deletion protection before destroy',
    }),
  );
  try {
    await waitUntilChangeSetCreateComplete(
      { client: cloudFormation, maxWaitTime: maxWaitSeconds, minDelay: 5 },
      { StackName: stack.stackName, ChangeSetName: changeSetName },
    );
  } catch (error) {
    // An earlier attempt already lifted it: the change set has no changes.
    const created = await cloudFormation.send(
      new DescribeChangeSetCommand({
        StackName: stack.stackName,
        ChangeSetName: changeSetName,
      }),
    );
    if (
      created?.Status === 'FAILED' &&
      /didn't contain changes|No updates are to be performed/.test(
        created.StatusReason ?? '',
      )
    ) {
      await cloudFormation.send(
        new DeleteChangeSetCommand({
          StackName: stack.stackName,
          ChangeSetName: changeSetName,
        }),
      );
      return;
    }
    throw error;
  }
  await fence();
  await cloudFormation.send(
    new ExecuteChangeSetCommand({
      StackName: stack.stackName,
      ChangeSetName: changeSetName,
    }),
  );
  await waitUntilStackUpdateComplete(
    { client: cloudFormation, maxWaitTime: maxWaitSeconds, minDelay: 5 },
    { StackName: stack.stackName },
  );
}

/**
 * The final snapshot CloudFormation took of a deleted database instance
 * (DeletionPolicy Snapshot): the newest manual snapshot of the instance.
 */
export async function finalSnapshotId(
  rds: RDSClient,
  instanceId: string,
): Promise<string | undefined> {
  const out = await rds.send(
    new DescribeDBSnapshotsCommand({
      DBInstanceIdentifier: instanceId,
      SnapshotType: 'manual',
    }),
  );
  const newest = [...(out?.DBSnapshots ?? [])].sort(
    (a, b) =>
      (b.SnapshotCreateTime?.getTime() ?? 0) -
      (a.SnapshotCreateTime?.getTime() ?? 0),
  )[0];
  return newest?.DBSnapshotIdentifier;
}
