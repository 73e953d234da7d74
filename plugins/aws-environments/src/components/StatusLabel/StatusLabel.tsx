import { SvgIconProps } from '@material-ui/core/SvgIcon';
import { makeStyles } from '@material-ui/core/styles';
import Autorenew from '@material-ui/icons/Autorenew';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import Schedule from '@material-ui/icons/Schedule';
import { ComponentType } from 'react';

/** How a status reads at a glance. */
export type StatusTone =
  | 'ok'
  | 'warning'
  | 'error'
  | 'pending'
  | 'running'
  | 'aborted';

const ICONS: Record<StatusTone, ComponentType<SvgIconProps>> = {
  ok: CheckCircleOutline,
  warning: ReportProblemOutlined,
  error: ErrorOutline,
  pending: Schedule,
  running: Autorenew,
  aborted: RemoveCircleOutline,
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  icon: { fontSize: '1.1em' },
  ok: { color: theme.palette.status.ok },
  warning: { color: theme.palette.status.warning },
  error: { color: theme.palette.status.error },
  pending: { color: theme.palette.status.pending },
  running: { color: theme.palette.status.running },
  aborted: { color: theme.palette.status.aborted },
}));

/**
 * A status word with a coloured icon. Unlike core-components' Status*
 * (hidden from assistive technology), the word stays readable by everyone;
 * the icon is decoration.
 */
export function StatusLabel(props: { tone: StatusTone; children: string }) {
  const classes = useStyles();
  const Icon = ICONS[props.tone];
  return (
    <span className={classes.root} data-tone={props.tone}>
      <Icon
        aria-hidden="true"
        className={`${classes.icon} ${classes[props.tone]}`}
      />
      {props.children}
    </span>
  );
}

const OK = new Set([
  'ACTIVE',
  'AVAILABLE',
  'OK',
  'PASSING',
  'DEPLOYED',
  'SUCCEEDED',
]);
const RUNNING = new Set([
  'CREATING',
  'UPDATING',
  'DEPLOYING',
  'RUNNING',
  'MODIFYING',
  'BACKING-UP',
  'DESTROYING',
  'DELETING',
]);
const PENDING = new Set([
  'PENDING',
  'QUEUED',
  'AWAITING-APPROVAL',
  'INSUFFICIENT_DATA',
  'UNKNOWN',
]);
const ERROR = new Set([
  'FAILED',
  'CREATE_FAILED',
  'DEGRADED',
  'ALARM',
  'ERROR',
  'INCOMPATIBLE-NETWORK',
  'STORAGE-FULL',
]);
const ABORTED = new Set(['CANCELLED', 'DESTROYED', 'STOPPED', 'DELETED']);

/**
 * The tone of a status string from EKS, RDS, CloudWatch or the backend.
 * Unknown statuses read as warnings: worth a look, not an outage.
 */
export function toneOf(status: string): StatusTone {
  const key = status.toUpperCase();
  if (OK.has(key)) return 'ok';
  if (RUNNING.has(key)) return 'running';
  if (PENDING.has(key)) return 'pending';
  if (ERROR.has(key)) return 'error';
  if (ABORTED.has(key)) return 'aborted';
  return 'warning';
}

/** A status string as a label in its own tone (see {@link toneOf}). */
export function StatusText(props: { status: string }) {
  return <StatusLabel tone={toneOf(props.status)}>{props.status}</StatusLabel>;
}
