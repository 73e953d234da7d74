import type {
  NewDeploymentEvent,
  RecordedChecks,
} from '../EnvironmentRegistry/types';

/** History events that sum up what the synth checked. */
export function summarizeChecks(checks: RecordedChecks): NewDeploymentEvent[] {
  const { estimate, nag, conformance } = checks;
  const events: NewDeploymentEvent[] = [
    {
      level: estimate.verdict === 'over' ? 'warning' : 'info',
      message: `Estimated $${estimate.totalMonthlyUsd.toFixed(
        2,
      )}/month against the $${estimate.budgetUsd.toFixed(2)} budget (${
        estimate.verdict
      })`,
    },
    {
      level: nag.passed ? 'info' : 'warning',
      message: `cdk-nag (${nag.pack}): ${nag.findings.length} unacknowledged findings, ${nag.acknowledgements.length} acknowledged`,
    },
    {
      level: conformance.passed ? 'info' : 'warning',
      message: `Seed conformance: ${conformance.summary.passed} claims passed, ${conformance.summary.failed} failed`,
    },
  ];
  for (const finding of nag.findings) {
    events.push({
      level: finding.severity === 'error' ? 'error' : 'warning',
      message: `${finding.ruleId} at ${finding.path}: ${finding.description}`,
    });
  }
  for (const claim of conformance.claims.filter(c => !c.passed)) {
    events.push({
      level: 'warning',
      message: `Seed claim not met, ${claim.title}: ${claim.evidence}`,
    });
  }
  return events;
}
