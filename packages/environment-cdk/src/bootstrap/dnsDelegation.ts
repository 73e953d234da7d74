import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { dnsDelegationRoleName, domainNames } from '../constructs/EdgeDomain';

/**
 * The management account's side of a domain whose hosted zone is in that
 * account: the role through which the environment's delegation records
 * (`Custom::CrossAccountZoneDelegation`, run in the workloads account) write
 * the NS records of its names into the zone, and nothing else.
 */
export interface DnsDelegationRole {
  roleName: string;
  /** Trusts the workloads account's edge stacks' roles only. */
  trustPolicy: object;
  /** This environment's inline policy on the role. */
  policyName: string;
  policy: object;
}

/**
 * The delegation role of a spec whose zone is in the management account;
 * `undefined` otherwise. Like aws-cdk-lib's `HostedZone.grantDelegation`:
 * NS records only, of exactly the environment's names, in exactly its zone.
 */
export function dnsDelegationRole(
  spec: EnvironmentSpec,
): DnsDelegationRole | undefined {
  const domain = spec.domain;
  if (!domain || domain.hostedZoneAccount !== 'management') {
    return undefined;
  }
  const { workloads } = spec.accounts;
  return {
    roleName: dnsDelegationRoleName(spec.name),
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EnvironmentDelegationRecords',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${workloads}:root` },
          Action: 'sts:AssumeRole',
          // The provider role of the delegation records is created by the
          // environment's edge stacks (<name>-edge, <name>-edge-waf).
          Condition: {
            ArnLike: {
              'aws:PrincipalArn': `arn:aws:iam::${workloads}:role/${spec.name}-edge*`,
            },
          },
        },
      ],
    },
    policyName: 'delegate-environment-names',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DelegateTheEnvironmentNames',
          Effect: 'Allow',
          Action: 'route53:ChangeResourceRecordSets',
          Resource: `arn:aws:route53:::hostedzone/${domain.hostedZoneId}`,
          Condition: {
            'ForAllValues:StringEquals': {
              'route53:ChangeResourceRecordSetsRecordTypes': ['NS'],
              'route53:ChangeResourceRecordSetsActions': ['UPSERT', 'DELETE'],
              'route53:ChangeResourceRecordSetsNormalizedRecordNames':
                domainNames(domain),
            },
          },
        },
        {
          Sid: 'FollowTheChange',
          Effect: 'Allow',
          Action: 'route53:GetChange',
          Resource: 'arn:aws:route53:::change/*',
        },
      ],
    },
  };
}

/** The commands that create the environment's role and give it its policy. */
export function dnsDelegationCommands(
  role: DnsDelegationRole,
  trustFile: string,
  policyFile: string,
): string[] {
  return [
    `aws iam create-role --role-name ${role.roleName} --assume-role-policy-document file://${trustFile}`,
    `aws iam put-role-policy --role-name ${role.roleName} --policy-name ${role.policyName} --policy-document file://${policyFile}`,
  ];
}
