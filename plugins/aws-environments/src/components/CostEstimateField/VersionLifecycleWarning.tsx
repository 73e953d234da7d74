import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import {
  lifecycleOf,
  SEED_DEFAULTS,
  type VersionLifecycle,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd } from '../../format';

function stringAt(input: unknown, ...path: string[]): string | undefined {
  let value: unknown = input;
  for (const key of path) {
    value =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

function warning(
  lifecycle: VersionLifecycle | undefined,
  field: string,
  product: string,
): string | undefined {
  if (!lifecycle || lifecycle.support !== 'extended') {
    return undefined;
  }
  const cost =
    lifecycle.extraMonthlyUsd === null
      ? 'an extra charge per vCPU-hour'
      : `about ${formatUsd(lifecycle.extraMonthlyUsd)} a month extra`;
  const newest = lifecycle.newestStandardVersion;
  return `${product} ${
    lifecycle.version
  } is already in extended support (since ${
    lifecycle.standardSupportEnds
  }), which costs ${cost}.${
    newest
      ? ` The newest version in standard support is ${newest}: choose it under “${field}”.`
      : ''
  } ${
    lifecycle.version
  } stays available (it is the seed's version) if you need it.`;
}

/**
 * Warns when the wizard's Kubernetes or PostgreSQL version is already in
 * extended support, naming the newest version in standard support. It
 * changes nothing itself: the seed's version stays a valid choice.
 */
export function VersionLifecycleWarning(props: { spec: unknown; at?: Date }) {
  const at = props.at ?? new Date();
  const kubernetes =
    stringAt(props.spec, 'cluster', 'kubernetesVersion') ??
    SEED_DEFAULTS.cluster.kubernetesVersion;
  const postgres =
    stringAt(props.spec, 'database', 'engineVersion') ??
    SEED_DEFAULTS.database.engineVersion;
  const warnings = [
    warning(
      lifecycleOf('eks', kubernetes, at),
      'Kubernetes version',
      'Kubernetes',
    ),
    warning(
      lifecycleOf('rds-postgres', postgres, at),
      'PostgreSQL major version',
      'PostgreSQL',
    ),
  ].filter((text): text is string => Boolean(text));
  if (warnings.length === 0) {
    return null;
  }
  return (
    <Box mb={2}>
      {warnings.map(text => (
        <Alert key={text} severity="warning">
          {text}
        </Alert>
      ))}
    </Box>
  );
}
