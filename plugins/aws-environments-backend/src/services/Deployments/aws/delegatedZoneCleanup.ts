import {
  CloudFormationClient,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';
import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
  Route53Client,
  RRType,
} from '@aws-sdk/client-route-53';
import { isJsonObject } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../../EnvironmentRegistry/types';
import { collectPages } from '../../DataSources/aws/pagination';

/** ACM's DNS validation records point into this domain. */
const ACM_VALIDATION_SUFFIX = '.acm-validations.aws.';

/** Whether the stack's template creates a hosted zone. */
export function createsHostedZones(stack: RecordedStack): boolean {
  const resources = stack.template.Resources;
  return (
    isJsonObject(resources) &&
    Object.values(resources).some(
      resource =>
        isJsonObject(resource) && resource.Type === 'AWS::Route53::HostedZone',
    )
  );
}

/** Every record set of a zone (ListResourceRecordSets has no paginator). */
async function recordSets(
  route53: Route53Client,
  zoneId: string,
): Promise<ResourceRecordSet[]> {
  const all: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: RRType } = {};
  for (;;) {
    const page = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start }),
    );
    all.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) {
      return all;
    }
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
    };
  }
}

/** A CNAME that ACM's DNS validation asked for. */
function isValidationRecord(record: ResourceRecordSet): boolean {
  return (
    record.Type === 'CNAME' &&
    (record.Name ?? '').startsWith('_') &&
    (record.ResourceRecords ?? []).length > 0 &&
    (record.ResourceRecords ?? []).every(value =>
      (value.Value ?? '').endsWith(ACM_VALIDATION_SUFFIX),
    )
  );
}

/**
 * CloudFormation writes a certificate's DNS validation CNAME into its zone
 * but does not remove it when the certificate is deleted, so a stack that
 * also created that zone fails to delete it (HostedZoneNotEmpty) and the
 * destroy wedges in DELETE_FAILED. Before such a stack is deleted, this
 * removes the ACM validation CNAMEs from the zones the stack created, and
 * nothing else (records CloudFormation manages are deleted by it). Returns
 * the names removed, by zone.
 */
export async function removeValidationRecords(input: {
  stack: RecordedStack;
  cloudFormation: CloudFormationClient;
  route53: Route53Client;
  assertLease: () => Promise<void>;
}): Promise<{ zoneId: string; names: string[] }[]> {
  const { stack, cloudFormation, route53 } = input;
  const resources = await collectPages(
    paginateListStackResources(
      { client: cloudFormation },
      { StackName: stack.stackName },
    ),
    page => page.StackResourceSummaries,
  );
  const zoneIds = resources
    .filter(
      r =>
        r.ResourceType === 'AWS::Route53::HostedZone' &&
        r.PhysicalResourceId &&
        r.ResourceStatus !== 'DELETE_COMPLETE',
    )
    .map(r => r.PhysicalResourceId!.replace(/^\/hostedzone\//, ''));
  const removed: { zoneId: string; names: string[] }[] = [];
  for (const zoneId of zoneIds) {
    const stale = (await recordSets(route53, zoneId)).filter(
      isValidationRecord,
    );
    if (stale.length === 0) {
      continue;
    }
    await input.assertLease();
    await route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Comment: `Destroy of ${stack.stackName}: ACM validation records CloudFormation leaves behind`,
          Changes: stale.map(record => ({
            Action: 'DELETE',
            ResourceRecordSet: record,
          })),
        },
      }),
    );
    removed.push({ zoneId, names: stale.map(record => record.Name!) });
  }
  return removed;
}
