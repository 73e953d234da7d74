import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import type { VersionLifecycle } from '@innovate/plugin-aws-environments-common';
import { formatUsd } from '../../format';
import type { StatusTone } from '../StatusLabel';

const PRODUCT: Record<VersionLifecycle['kind'], string> = {
  eks: 'Kubernetes',
  'rds-postgres': 'PostgreSQL',
};

const SUPPORT_OF: Record<VersionLifecycle['kind'], string> = {
  eks: 'EKS',
  'rds-postgres': 'RDS',
};

/**
 * The tone of a version's lifecycle: an error in extended support or past
 * its end, a warning within the warning window, else none.
 */
export function lifecycleTone(
  lifecycle: VersionLifecycle | null | undefined,
): StatusTone | undefined {
  switch (lifecycle?.support) {
    case 'extended':
    case 'unsupported':
      return 'error';
    case 'ending-soon':
      return 'warning';
    default:
      return undefined;
  }
}

/** "Standard support until …" and the like, for a facts row, with the calendar's date. */
export function lifecycleSummary(lifecycle: VersionLifecycle): string {
  return `${supportPhrase(lifecycle)} (support calendar of ${
    lifecycle.calendarCompiled
  })`;
}

function supportPhrase(lifecycle: VersionLifecycle): string {
  switch (lifecycle.support) {
    case 'standard':
      return `Standard support until ${lifecycle.standardSupportEnds}`;
    case 'ending-soon':
      return `Standard support ends ${lifecycle.standardSupportEnds}`;
    case 'extended':
      return `Extended support since ${lifecycle.standardSupportEnds}, until ${lifecycle.extendedSupportEnds}`;
    default:
      return `Unsupported since ${lifecycle.extendedSupportEnds}`;
  }
}

function extraCost(amount: number | null): string {
  return amount === null
    ? 'an extra charge per vCPU-hour'
    : `about ${formatUsd(amount)} a month extra`;
}

function nextStep(lifecycle: VersionLifecycle): string {
  const product = PRODUCT[lifecycle.kind];
  if (!lifecycle.nextVersion) {
    return '';
  }
  const target = lifecycle.newestStandardVersion;
  return lifecycle.kind === 'eks' && target && target !== lifecycle.nextVersion
    ? ` Next step: upgrade to ${product} ${lifecycle.nextVersion} (then on, one minor version at a time, to ${target}).`
    : ` Next step: upgrade to ${product} ${lifecycle.nextVersion}.`;
}

function message(lifecycle: VersionLifecycle): string {
  const name = `${PRODUCT[lifecycle.kind]} ${lifecycle.version}`;
  const support = SUPPORT_OF[lifecycle.kind];
  switch (lifecycle.support) {
    case 'extended':
      return `${name} is in ${support} extended support since ${
        lifecycle.standardSupportEnds
      }, costing ${extraCost(lifecycle.extraMonthlyUsd)}, until ${
        lifecycle.extendedSupportEnds
      }.${nextStep(lifecycle)}`;
    case 'unsupported':
      return `${name} is past the end of ${support} extended support (${
        lifecycle.extendedSupportEnds
      }): AWS upgrades it on its own schedule.${nextStep(lifecycle)}`;
    default:
      return `${name} leaves ${support} standard support on ${
        lifecycle.standardSupportEnds
      }; after that, extended support costs ${extraCost(
        lifecycle.extendedExtraMonthlyUsd,
      )}.${nextStep(lifecycle)}`;
  }
}

/**
 * An alert when a version is in extended support (error), past it (error)
 * or leaving standard support soon (warning); nothing otherwise.
 */
export function LifecycleAlert(props: {
  lifecycle: VersionLifecycle | null | undefined;
}) {
  const { lifecycle } = props;
  const tone = lifecycleTone(lifecycle);
  if (!lifecycle || !tone) {
    return null;
  }
  return (
    <Box mb={2}>
      <Alert severity={tone === 'error' ? 'error' : 'warning'}>
        {message(lifecycle)} (Support calendar compiled{' '}
        {lifecycle.calendarCompiled}.)
      </Alert>
    </Box>
  );
}
