import type { PreviewChecks as Checks } from '@innovate/plugin-aws-environments-common';
import { DataTable } from '../DataTable';
import { StatusLabel } from '../StatusLabel';

type NagSummary = Checks['nag']['before'];
type SeedSummary = Checks['seed']['before'];

interface CheckRow {
  id: string;
  label: string;
  before: string;
  beforePassed: boolean;
  after: string;
  afterPassed: boolean;
}

function nagText(summary: NagSummary): string {
  return summary.passed
    ? 'passed'
    : `${summary.findings} finding${
        summary.findings === 1 ? '' : 's'
      } (${summary.ruleIds.join(', ')})`;
}

function seedText(summary: SeedSummary): string {
  const total = summary.passedClaims + summary.failedClaims;
  return summary.passed
    ? `${summary.passedClaims} of ${total} claims hold`
    : `${summary.failedClaims} of ${total} claims fail (${summary.failed.join(
        ', ',
      )})`;
}

function Verdict(props: { text: string; passed: boolean }) {
  return (
    <StatusLabel tone={props.passed ? 'ok' : 'error'}>{props.text}</StatusLabel>
  );
}

/** cdk-nag and the seed's claims, on the deployed and the proposed templates. */
export function PreviewChecks(props: { checks: Checks; headingLevel: 3 | 4 }) {
  const { checks, headingLevel } = props;
  const rows: CheckRow[] = [
    {
      id: 'nag',
      label: 'cdk-nag (AWS Solutions rules)',
      before: nagText(checks.nag.before),
      beforePassed: checks.nag.before.passed,
      after: nagText(checks.nag.after),
      afterPassed: checks.nag.after.passed,
    },
    {
      id: 'seed',
      label: 'The seed architecture',
      before: seedText(checks.seed.before),
      beforePassed: checks.seed.before.passed,
      after: seedText(checks.seed.after),
      afterPassed: checks.seed.after.passed,
    },
  ];
  return (
    <DataTable<CheckRow>
      title="Checks before and after"
      headingLevel={headingLevel}
      rows={rows}
      rowKey={row => row.id}
      columns={[
        { title: 'Check', render: row => row.label },
        {
          title: 'Deployed',
          render: row => (
            <Verdict text={row.before} passed={row.beforePassed} />
          ),
        },
        {
          title: 'Proposed',
          render: row => <Verdict text={row.after} passed={row.afterPassed} />,
        },
      ]}
    />
  );
}
