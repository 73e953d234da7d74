import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { errorMessage, isResponseError } from '../../api';

/**
 * A failed view: what failed, the backend's message, and a retry button.
 */
export function ViewError(props: {
  what: string;
  error: Error;
  onRetry: () => void;
}) {
  const { what, error, onRetry } = props;
  const status = isResponseError(error) ? ` (HTTP ${error.statusCode})` : '';
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      <AlertTitle>
        Could not load {what}
        {status}
      </AlertTitle>
      {errorMessage(error)}
    </Alert>
  );
}
