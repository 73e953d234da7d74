import { budget, ecr, twoAccounts } from './accounts';
import {
  applicationNodeGroup,
  controlPlaneLogs,
  hpa,
  kubernetesVersion,
  secretsKms,
  systemNodeGroup,
} from './cluster';
import {
  databaseCredentials,
  rdsBackups,
  rdsEncryption,
  rdsEngine,
  rdsInstanceClass,
  rdsPitr,
  rdsSingleAz,
  rdsStorage,
} from './database';
import {
  apiThroughAlb,
  spaOnS3,
  wafOnCloudFront,
  wafOwaspRules,
  wafRateLimit,
  edgeTls12,
  route53ToCloudFront,
} from './edge';
import { clusterAutoscaler, irsaApi } from './identity';
import { loadBalancerController } from './loadBalancerController';
import {
  databaseIsolated,
  flowLogs,
  natPerAz,
  nodesPrivate,
  threeAzs,
  vpcCidr,
} from './network';
import {
  alarmClaims,
  alarmsToSns,
  cloudTrail,
  guardDuty,
} from './observability';
import {
  albBehindCloudFront,
  albToNodes,
  nodesToDatabase,
} from './securityGroups';
import type { ClaimDefinition } from './query';

/**
 * The claims of the seed, in the order the report lists them: what each
 * checks, in the seed's own words, and the check (in the file of its area;
 * the key alerts are a table of their own in `observability.ts`).
 */
export const CLAIMS: readonly ClaimDefinition[] = [
  {
    id: 'two-accounts',
    title: 'Management and workloads stacks are in two different accounts',
    seedText:
      '2 AWS Accounts: Management (Billing, Organizations, CI/CD, ECR, shared tooling) and Workloads (EKS cluster, RDS, application infrastructure)',
    check: twoAccounts,
  },
  {
    id: 'vpc-cidr',
    title: 'The VPC is 10.0.0.0/16',
    seedText: 'VPC: 10.0.0.0/16',
    check: vpcCidr,
  },
  {
    id: 'three-azs',
    title: 'Public, private and isolated subnets in 3 AZs',
    seedText: '3 Availability Zones for high availability',
    check: threeAzs,
  },
  {
    id: 'nat-per-az',
    title: 'One NAT gateway per AZ, each private subnet using its own AZ’s',
    seedText: 'NAT Gateway per AZ for outbound traffic',
    check: natPerAz,
  },
  {
    id: 'nodes-private',
    title: 'Node groups only in private subnets, without public IPs',
    seedText: 'EKS nodes in private subnets (no public IPs)',
    check: nodesPrivate,
  },
  {
    id: 'database-isolated',
    title: 'The database is in isolated subnets and not publicly accessible',
    seedText: 'Database in isolated subnet',
    check: databaseIsolated,
  },
  {
    id: 'sg-alb-to-nodes',
    title: 'Nodes admit only the ALB, on port 8080',
    seedText: 'Security Groups: ALB → EKS (port 8080) → RDS (port 5432)',
    check: albToNodes,
  },
  {
    id: 'sg-nodes-to-database',
    title: 'The database admits only the nodes, on port 5432',
    seedText: 'Security Groups: ALB → EKS (port 8080) → RDS (port 5432)',
    check: nodesToDatabase,
  },
  {
    id: 'alb-behind-cloudfront',
    title: 'The ALB is internal and admits only the CloudFront VPC origin',
    seedText:
      'Users → Route 53 → CloudFront (CDN + WAF); API requests → ALB → EKS → RDS',
    check: albBehindCloudFront,
  },
  {
    id: 'route53-to-cloudfront',
    title: 'Route 53 resolves the SPA name (and the API name) to CloudFront',
    seedText: 'Users → Route 53 → CloudFront (CDN + WAF)',
    check: route53ToCloudFront,
  },
  {
    id: 'edge-tls-1-2',
    title:
      'CloudFront serves the names with an ACM certificate, TLS 1.2 minimum',
    seedText: 'Users → Route 53 → CloudFront (CDN + WAF)',
    check: edgeTls12,
  },
  {
    id: 'waf-on-cloudfront',
    title: 'A WAF web ACL protects the CloudFront distribution',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: wafOnCloudFront,
  },
  {
    id: 'waf-owasp-rules',
    title: 'The web ACL runs the AWS managed core (OWASP) rule set',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: wafOwaspRules,
  },
  {
    id: 'waf-rate-limit',
    title: 'The web ACL blocks clients above a request rate',
    seedText: 'AWS WAF on CloudFront (OWASP rules, rate limiting)',
    check: wafRateLimit,
  },
  {
    id: 'spa-on-s3',
    title: 'CloudFront serves the SPA from S3 through Origin Access Control',
    seedText: 'Static content → S3 (React SPA)',
    check: spaOnS3,
  },
  {
    id: 'api-through-alb',
    title: 'CloudFront sends /api/* to the ALB, which forwards to pods on 8080',
    seedText: 'API requests → ALB → EKS → RDS',
    check: apiThroughAlb,
  },
  {
    id: 'flow-logs',
    title: 'VPC flow logs capture all traffic',
    seedText: 'VPC Flow Logs enabled',
    check: flowLogs,
  },
  {
    id: 'kubernetes-version',
    title: 'EKS runs Kubernetes 1.33',
    seedText: 'Kubernetes 1.33 (AWS managed control plane)',
    check: kubernetesVersion,
  },
  {
    id: 'eks-secrets-kms',
    title: 'Kubernetes secrets are encrypted with a KMS key',
    seedText: 'Secrets encrypted with KMS',
    check: secretsKms,
  },
  {
    id: 'eks-logs',
    title: 'All control-plane logs go to CloudWatch Logs',
    seedText: 'Logs to CloudWatch',
    check: controlPlaneLogs,
  },
  {
    id: 'system-node-group',
    title: 'System node group: t3.medium, 2 to 3 nodes',
    seedText: 'System | t3.medium | 2-3 fixed | Cluster add-ons, ingress',
    check: systemNodeGroup,
  },
  {
    id: 'application-node-group',
    title: 'Application node group: t3.large, 2 to 20 nodes',
    seedText: 'Application | t3.large | 2-20 auto | Flask API workloads',
    check: applicationNodeGroup,
  },
  {
    id: 'hpa',
    title: 'metrics-server for the HPA; HPA bounds 2 to 100 pods',
    seedText:
      'HPA (Horizontal Pod Autoscaler): Scales pods based on CPU/memory (2-100 pods)',
    check: hpa,
  },
  {
    id: 'cluster-autoscaler',
    title: 'The Cluster Autoscaler may resize only this cluster’s node groups',
    seedText: "Cluster Autoscaler: Scales nodes when pods can't be scheduled",
    check: clusterAutoscaler,
  },
  {
    id: 'irsa-api',
    title:
      'The API pods assume an IAM role (IRSA) that can only read the database secret',
    seedText:
      'IRSA (IAM Roles for Service Accounts) - pods assume IAM roles, no stored credentials',
    check: irsaApi,
  },
  {
    id: 'load-balancer-controller',
    title:
      'The AWS Load Balancer Controller is installed and may register pods only in the API target group',
    seedText: 'API requests → ALB → EKS → RDS',
    check: loadBalancerController,
  },
  {
    id: 'database-credentials',
    title: 'Database credentials live in Secrets Manager',
    seedText: 'AWS Secrets Manager for database credentials',
    check: databaseCredentials,
  },
  {
    id: 'rds-engine',
    title: 'RDS runs PostgreSQL 15',
    seedText: 'PostgreSQL 15, db.t3.medium instance',
    check: rdsEngine,
  },
  {
    id: 'rds-instance-class',
    title: 'RDS instance class db.t3.medium',
    seedText: 'PostgreSQL 15, db.t3.medium instance',
    check: rdsInstanceClass,
  },
  {
    id: 'rds-storage',
    title: 'RDS storage 100 GB gp3',
    seedText: '100GB gp3 SSD storage',
    check: rdsStorage,
  },
  {
    id: 'rds-encryption',
    title: 'RDS storage is encrypted with a KMS key',
    seedText: 'Encryption at rest (KMS)',
    check: rdsEncryption,
  },
  {
    id: 'rds-single-az',
    title: 'RDS starts single-AZ',
    seedText: 'Single-AZ initially (Multi-AZ when HA needed)',
    check: rdsSingleAz,
  },
  {
    id: 'rds-backups',
    title: 'Automated backups are kept 14 days',
    seedText: 'Automated daily backups (14-day retention)',
    check: rdsBackups,
  },
  {
    id: 'rds-pitr',
    title: 'Point-in-time recovery is available',
    seedText: 'Point-in-time recovery enabled',
    check: rdsPitr,
  },
  {
    id: 'ecr',
    title: 'ECR in the management account, scan on push, immutable tags',
    seedText: 'Management | Billing, Organizations, CI/CD, ECR, shared tooling',
    check: ecr,
  },
  ...alarmClaims,
  {
    id: 'alarms-to-sns',
    title: 'Every alarm notifies an SNS topic',
    seedText: 'Alerting | CloudWatch Alarms → SNS',
    check: alarmsToSns,
  },
  {
    id: 'cloudtrail',
    title: 'A multi-region CloudTrail trail is logging',
    seedText: 'Monitoring | CloudTrail, GuardDuty, VPC Flow Logs',
    check: cloudTrail,
  },
  {
    id: 'guardduty',
    title: 'GuardDuty is enabled',
    seedText: 'Monitoring | CloudTrail, GuardDuty, VPC Flow Logs',
    check: guardDuty,
  },
  {
    id: 'budget',
    title: 'A $430 monthly budget alerts at 80 % actual and 100 % forecast',
    seedText: 'Total ~$430/month',
    check: budget,
  },
];
