import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  awsEnvironmentApprovePermission,
  type DeploymentSummary,
} from '@innovate/plugin-aws-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { awsEnvironmentsApiRef, errorMessage } from '../../api';
import { DataTable } from '../DataTable';

/** Props of {@link PendingChangeSet}. */
export interface PendingChangeSetProps {
  deployment: DeploymentSummary;
  /** Called after the change set was executed, to reload the history. */
  onExecuted: () => void;
}

/**
 * Whether the signed-in user may execute the change sets: not the
 * requester (four eyes), and granted `aws-environment.approve` on the
 * environment. The backend enforces both; this only decides what to offer.
 */
function useApproval(deployment: DeploymentSummary) {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const permission = usePermission({
    permission: awsEnvironmentApprovePermission,
    resourceRef: deployment.environment,
  });
  if (identity.loading || permission.loading) {
    return 'checking' as const;
  }
  if (identity.value?.userEntityRef === deployment.requestedBy) {
    return 'own-request' as const;
  }
  return permission.allowed ? ('allowed' as const) : ('denied' as const);
}

/**
 * The change sets of a deployment waiting for approval, with the button
 * that executes them for users allowed to approve it: someone of the
 * environment's owner group (or an approver) other than the requester.
 */
export function PendingChangeSet(props: PendingChangeSetProps) {
  const { deployment, onExecuted } = props;
  const api = useApi(awsEnvironmentsApiRef);
  const approval = useApproval(deployment);
  const [executing, setExecuting] = useState(false);
  const [error, setError] = useState<Error>();

  const changes = (deployment.changeSets ?? []).flatMap(changeSet =>
    changeSet.changes.map(change => ({
      ...change,
      changeSetName: changeSet.changeSetName,
    })),
  );

  const execute = async () => {
    setExecuting(true);
    setError(undefined);
    try {
      await api.executeChangeSet(deployment.environment, deployment.id);
      onExecuted();
    } catch (e) {
      setError(e as Error);
    } finally {
      setExecuting(false);
    }
  };

  return (
    <Box>
      <Typography variant="body2" component="p">
        Deployment {deployment.id} created its CloudFormation change sets and
        waits for approval. Review the changes, then execute them.
      </Typography>
      <DataTable
        title="Pending changes"
        rows={changes}
        rowKey={change => `${change.stack}/${change.logicalId}`}
        emptyMessage="The change sets contain no resource changes."
        columns={[
          { title: 'Resource', render: change => change.logicalId },
          { title: 'Action', render: change => change.action },
          { title: 'Type', render: change => change.resourceType },
          { title: 'Stack', render: change => change.stack },
          {
            title: 'Replacement',
            render: change => change.replacement ?? '—',
          },
        ]}
      />
      <Box mt={2}>
        {approval === 'checking' && (
          <Typography variant="body2">Checking your permissions…</Typography>
        )}
        {approval === 'allowed' && (
          <Button
            variant="contained"
            color="primary"
            onClick={execute}
            disabled={executing}
          >
            {executing ? 'Executing…' : 'Execute change set'}
          </Button>
        )}
        {approval === 'own-request' && (
          <Alert severity="info">
            You requested this deployment, so you cannot approve it yourself
            (four eyes): a second person from the environment's owner group, or
            an approver, must review and execute the change set.
          </Alert>
        )}
        {approval === 'denied' && (
          <Typography variant="body2" color="textSecondary">
            Executing the change set needs the{' '}
            <code>{awsEnvironmentApprovePermission.name}</code> permission on{' '}
            {deployment.environment}: a member of its owner group, or an
            approver, other than the requester.
          </Typography>
        )}
      </Box>
      {error && (
        <Box mt={2}>
          <Alert severity="error">
            Could not execute the change set: {errorMessage(error)}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
