import type {
  Deployment,
  DeploymentEvent,
} from '@innovate/plugin-aws-environments-common';
import { formatDateTime } from '../../format';
import { useDeployment } from '../../hooks';
import { DataTable } from '../DataTable';
import { QueryContent } from '../QueryContent';
import { StatusLabel } from '../StatusLabel';
import { AcceptedDataLoss, SpecChanges } from './SpecChanges';

const LEVEL_TONES = { info: 'ok', warning: 'warning', error: 'error' } as const;

function resourceOf(event: DeploymentEvent): string {
  return [
    [event.stack, event.logicalId].filter(Boolean).join('/'),
    event.resourceStatus,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The events of one deployment. */
function DeploymentEvents(props: { deployment: Deployment }) {
  const { deployment } = props;
  return (
    <DataTable
      title={`Events of ${deployment.id}`}
      rows={deployment.events}
      rowKey={event => `${event.at}-${event.message}`}
      emptyMessage="No events recorded yet."
      columns={[
        {
          title: 'Time',
          render: event => (
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          ),
        },
        {
          title: 'Level',
          render: event => (
            <StatusLabel tone={LEVEL_TONES[event.level]}>
              {event.level}
            </StatusLabel>
          ),
        },
        { title: 'Message', render: event => event.message },
        { title: 'Resource', render: event => resourceOf(event) || '—' },
      ]}
    />
  );
}

/**
 * The details of one deployment, fetched (once) when shown: what it changed
 * in the spec, the data losses it accepted, and its events.
 */
export function DeploymentDetails(props: { environment: string; id: string }) {
  const query = useDeployment(props.environment, props.id);
  return (
    <QueryContent query={query} what={`the details of deployment ${props.id}`}>
      {deployment => (
        <>
          <SpecChanges deployment={deployment} />
          <AcceptedDataLoss deployment={deployment} />
          <DeploymentEvents deployment={deployment} />
        </>
      )}
    </QueryContent>
  );
}
