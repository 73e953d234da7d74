import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  awsEnvironmentCreatePermission,
  type DeploymentSummary,
} from '@innovate/plugin-aws-environments-common';
import { awsEnvironmentsApiRef, errorMessage } from '../../api';
import { DataTable } from '../DataTable';

/** Props of {@link PendingChangeSet}. */
export interface PendingChangeSetProps {
  deployment: DeploymentSummary;
  /** Called after the change set was executed, to reload the history. */
  onExecuted: () => void;
}

/**
 * The change sets of a deployment waiting for approval, with the button
 * that executes them for users allowed to create environments.
 */
export function PendingChangeSet(props: PendingChangeSetProps) {
  const { deployment, onExecuted } = props;
  const api = useApi(awsEnvironmentsApiRef);
  const permission = usePermission({
    permission: awsEnvironmentCreatePermission,
  });
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
        {permission.loading && (
          <Typography variant="body2">Checking your permissions…</Typography>
        )}
        {!permission.loading && permission.allowed && (
          <Button
            variant="contained"
            color="primary"
            onClick={execute}
            disabled={executing}
          >
            {executing ? 'Executing…' : 'Execute change set'}
          </Button>
        )}
        {!permission.loading && !permission.allowed && (
          <Typography variant="body2" color="textSecondary">
            Executing the change set needs the{' '}
            <code>{awsEnvironmentCreatePermission.name}</code> permission; ask a
            platform engineer.
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
