import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { errorMessage, isResponseError } from '../../api';
import { StatusLabel } from '../StatusLabel';

/** Props of {@link ViewError}. */
export interface ViewErrorProps {
  /** What failed to load ("the cluster view"). */
  what: string;
  error: Error;
  onRetry: () => void;
  /** One line for a table cell instead of an alert. */
  inline?: boolean;
  /** `show` when the view loaded but failed to render. */
  failedTo?: 'load' | 'show';
}

/**
 * A failed view: what failed, the backend's message, and a retry button
 * whose name says what it retries (a page may show several).
 */
export function ViewError(props: ViewErrorProps) {
  const { what, error, onRetry, inline, failedTo = 'load' } = props;
  const retry = (
    <Button
      color="inherit"
      size="small"
      onClick={onRetry}
      aria-label={`Retry loading ${what}`}
    >
      Retry
    </Button>
  );
  if (inline) {
    return (
      <Typography variant="body2" component="div">
        <StatusLabel tone="error">Unavailable</StatusLabel>{' '}
        {errorMessage(error)} {retry}
      </Typography>
    );
  }
  const status = isResponseError(error) ? ` (HTTP ${error.statusCode})` : '';
  return (
    <Alert severity="error" action={retry}>
      <AlertTitle>
        Could not {failedTo} {what}
        {status}
      </AlertTitle>
      {errorMessage(error)}
    </Alert>
  );
}
