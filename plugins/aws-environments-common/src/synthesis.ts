/**
 * Result types of synthesizing an environment (produced by the CDK package,
 * shown by the backend and the frontend). Isomorphic: plain data only.
 */

/**
 * One concrete claim of the seed architecture, checked against the
 * synthesized templates.
 *
 * @public
 */
export interface ConformanceClaim {
  /** Stable id, e.g. `nat-per-az`. */
  id: string;
  /** Short statement of what is checked. */
  title: string;
  /** The seed's own words the claim comes from. */
  seedText: string;
  passed: boolean;
  /** What the templates show, e.g. `3 NAT gateways in 3 AZs`. */
  evidence: string;
  /**
   * True when the spec leaves out what the claim is about (no domain for
   * the Route 53 claim): it passes, and says so.
   */
  notApplicable?: boolean;
}

/**
 * Every seed claim with its result.
 *
 * @public
 */
export interface ConformanceReport {
  /** True when every claim passed. */
  passed: boolean;
  claims: ConformanceClaim[];
  summary: { passed: number; failed: number };
}

/**
 * An unacknowledged finding of a synthesis-time validation (cdk-nag's pack
 * above all): a rule a resource breaks.
 *
 * @public
 */
export interface NagFinding {
  /**
   * The validation plugin that reported it: `AwsSolutions` (cdk-nag),
   * `Construct Annotations` or `CloudFormation Validate`. Always set by
   * the CDK package.
   */
  plugin?: string;
  /** e.g. `AwsSolutions-IAM5[Resource::*]`. */
  ruleId: string;
  severity: 'error' | 'warning';
  description: string;
  /** Construct path of the resource, e.g. `innovate-prod-cluster/Cluster/Role/Resource`. */
  path: string;
}

/**
 * A finding acknowledged in the CDK app, with the reason given there.
 *
 * @public
 */
export interface NagAcknowledgement {
  ruleId: string;
  /** Construct path where the acknowledgement was made (its scope). */
  path: string;
  reason: string;
}

/**
 * What cdk-nag (AwsSolutions pack) and the other synthesis-time validations
 * reported for a synthesized environment.
 *
 * @public
 */
export interface NagReport {
  /** The cdk-nag pack, `AwsSolutions`. */
  pack: string;
  /** True when no finding is left unacknowledged. */
  passed: boolean;
  findings: NagFinding[];
  acknowledgements: NagAcknowledgement[];
}

/**
 * Why a synthesized environment may not be deployed: unacknowledged
 * cdk-nag findings (always), and failed seed claims not listed in
 * `allowed` (the request's allowed deviations). The scaffolder's synth step
 * and the backend's deployments apply the same gate.
 *
 * @public
 */
export function synthesisProblems(
  nag: NagReport,
  conformance: ConformanceReport,
  allowed: string[],
): string[] {
  const problems = nag.findings.map(
    f => `${f.plugin} ${f.ruleId} on ${f.path}: ${f.description}`,
  );
  for (const claim of conformance.claims) {
    if (!claim.passed && !allowed.includes(claim.id)) {
      problems.push(
        `seed claim "${claim.id}" failed: ${claim.title} (seed: "${claim.seedText}"; found: ${claim.evidence})`,
      );
    }
  }
  return problems;
}
