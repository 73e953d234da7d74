import Typography from '@material-ui/core/Typography';
import type {
  FleetEntry,
  VersionLifecycle,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd } from '../../format';
import { StatusLabel, type StatusTone } from '../StatusLabel';

const PRODUCT: Record<VersionLifecycle['kind'], string> = {
  eks: 'Kubernetes',
  'rds-postgres': 'PostgreSQL',
};

const TONE: Record<VersionLifecycle['support'], StatusTone> = {
  standard: 'ok',
  'ending-soon': 'warning',
  extended: 'error',
  unsupported: 'error',
};

/** The support state in words, with the extra cost in extended support. */
function stateOf(lifecycle: VersionLifecycle): string {
  switch (lifecycle.support) {
    case 'standard':
      return 'standard support';
    case 'ending-soon':
      return `standard support ends ${lifecycle.standardSupportEnds}`;
    case 'extended':
      return `extended support, ${
        lifecycle.extraMonthlyUsd === null
          ? 'extra per vCPU-hour'
          : `${formatUsd(lifecycle.extraMonthlyUsd)} a month extra`
      }`;
    default:
      return `unsupported since ${lifecycle.extendedSupportEnds}`;
  }
}

function VersionLine(props: { lifecycle: VersionLifecycle }) {
  const { lifecycle } = props;
  const tone = TONE[lifecycle.support];
  return (
    <div>
      <StatusLabel tone={tone}>
        {`${PRODUCT[lifecycle.kind]} ${lifecycle.version}: ${stateOf(
          lifecycle,
        )}`}
      </StatusLabel>
      {tone !== 'ok' && lifecycle.nextVersion && (
        <Typography variant="caption" color="textSecondary" component="div">
          {`Next: upgrade to ${lifecycle.nextVersion}`}
        </Typography>
      )}
    </div>
  );
}

/**
 * Where an environment's Kubernetes and PostgreSQL versions stand in the
 * support calendar (from the fleet summary): a warning within 90 days of
 * the end of standard support, an error in extended support with what it
 * adds to the monthly bill; icon and words, never colour alone. A version
 * the calendar does not know is left out; `—` when none is known.
 */
export function VersionsCell(props: { entry: FleetEntry }) {
  const lifecycles = [
    props.entry.lifecycle?.cluster,
    props.entry.lifecycle?.database,
  ].filter((l): l is VersionLifecycle => !!l);
  if (lifecycles.length === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        title="No version in the support calendar"
      >
        —
      </Typography>
    );
  }
  return (
    <div
      style={{ minWidth: 200 }}
      title={`Support calendar compiled ${lifecycles[0].calendarCompiled}`}
    >
      {lifecycles.map(lifecycle => (
        <VersionLine key={lifecycle.kind} lifecycle={lifecycle} />
      ))}
    </div>
  );
}
