import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Link from '@material-ui/core/Link';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  awsEnvironmentUpdatePermission,
  type CreateDeploymentResponse,
} from '@innovate/plugin-aws-environments-common';
import { Link as RouterLink } from 'react-router-dom';
import { awsEnvironmentsApiRef, errorMessage } from '../../api';
import { useElementId } from '../../hooks';

/** Props of {@link RedeployButton}. */
export interface RedeployButtonProps {
  environment: string;
  /** The Deployments tab, relative to where the card is shown. */
  deploymentsLink?: string;
  /** Called once the redeployment is queued. */
  onQueued?: (deployment: CreateDeploymentResponse) => void;
}

/**
 * Redeploys the environment's recorded spec, which puts drifted resources
 * back as the templates say, after the user confirms. Offered only to users
 * granted `aws-environment.update` on the environment (the backend checks
 * it, and `deploy-aws` for AWS environments, again).
 */
export function RedeployButton(props: RedeployButtonProps) {
  const { environment, deploymentsLink, onQueued } = props;
  const api = useApi(awsEnvironmentsApiRef);
  const permission = usePermission({
    permission: awsEnvironmentUpdatePermission,
    resourceRef: environment,
  });
  const titleId = useElementId('redeploy-title');
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<CreateDeploymentResponse>();
  const [error, setError] = useState<Error>();

  if (permission.loading || !permission.allowed) {
    return null;
  }

  const redeploy = async () => {
    setSending(true);
    setError(undefined);
    try {
      // No spec: the backend redeploys the recorded one.
      const deployment = await api.createDeployment(environment, {
        mode: 'update',
      });
      setQueued(deployment);
      setConfirming(false);
      onQueued?.(deployment);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box mt={2}>
      {queued ? (
        <Alert severity="success">
          Redeployment queued as deployment {queued.id}.{' '}
          {deploymentsLink ? (
            <Link component={RouterLink} to={deploymentsLink}>
              Follow it on the Deployments tab
            </Link>
          ) : (
            'It appears in the deployment history.'
          )}
        </Alert>
      ) : (
        <Button
          variant="contained"
          color="primary"
          onClick={() => setConfirming(true)}
        >
          Redeploy to revert
        </Button>
      )}
      {error && !confirming && (
        <Box mt={2}>
          <Alert severity="error">
            Could not queue the redeployment: {errorMessage(error)}
          </Alert>
        </Box>
      )}
      <Dialog
        open={confirming}
        onClose={() => !sending && setConfirming(false)}
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>Redeploy {environment}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The environment's recorded spec is deployed again. CloudFormation
            puts drifted properties back to their template values and recreates
            deleted resources; changes made outside the portal are lost.
          </DialogContentText>
          {error && (
            <Alert severity="error">
              Could not queue the redeployment: {errorMessage(error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={sending}>
            Cancel
          </Button>
          <Button
            onClick={redeploy}
            color="primary"
            variant="contained"
            disabled={sending}
          >
            {sending ? 'Queueing…' : 'Redeploy'}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
