import { useState } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import type { DeploymentSummary } from '@innovate/plugin-aws-environments-common';
import { useDeployments } from '../../hooks';
import { Facts } from '../Facts';
import { Principal } from '../Principal';
import { RelativeTime } from '../RelativeTime';
import { SourceBadge } from '../SourceBadge';
import { StatusText } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import { DeploymentDetails } from './DeploymentDetails';
import { PendingChangeSet } from './PendingChangeSet';

function duration(deployment: DeploymentSummary): string | undefined {
  if (!deployment.startedAt || !deployment.finishedAt) {
    return undefined;
  }
  const seconds = Math.round(
    (Date.parse(deployment.finishedAt) - Date.parse(deployment.startedAt)) /
      1000,
  );
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/**
 * Who asked for a deployment: a person (or service), or, for a change
 * merged to the environment's repository, that repository (a link in the
 * details; text in the summary, which is a button).
 */
function RequestedBy(props: { deployment: DeploymentSummary; link?: boolean }) {
  const { deployment, link = true } = props;
  const { origin } = deployment;
  if (!origin) {
    return <Principal principal={deployment.requestedBy} link={link} />;
  }
  return link ? (
    <>
      Proposed from <Link to={origin.repository}>{origin.repository}</Link> (
      <Link to={origin.file}>environment.json</Link>)
    </>
  ) : (
    <>proposed from {origin.repository}</>
  );
}

/**
 * One deployment: a summary (who requested and who approved it) that opens
 * to its error, its pending change set, its changes to the spec, the data
 * losses it accepted and its events. One waiting for approval starts open.
 */
function DeploymentItem(props: {
  deployment: DeploymentSummary;
  onExecuted: () => void;
}) {
  const { deployment, onExecuted } = props;
  const pending = deployment.status === 'awaiting-approval';
  // Controlled: it stays as the user left it when the history reloads.
  const [expanded, setExpanded] = useState(pending);
  const took = duration(deployment);
  return (
    <Accordion
      expanded={expanded}
      onChange={(_event, isExpanded) => setExpanded(isExpanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`deployment-${deployment.id}-details`}
        id={`deployment-${deployment.id}-summary`}
      >
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 12 }}
        >
          <Typography component="span" variant="subtitle2">
            {deployment.action === 'deploy' ? 'Deploy' : 'Destroy'}{' '}
            {deployment.id}
          </Typography>
          <StatusText status={deployment.status} />
          <SourceBadge source={deployment.source} />
          <Typography component="span" variant="body2">
            <RelativeTime iso={deployment.createdAt} />{' '}
            {deployment.origin ? '' : 'by '}
            <RequestedBy deployment={deployment} link={false} />
            {deployment.approvedBy && (
              <>
                , approved by{' '}
                <Principal principal={deployment.approvedBy} link={false} />
              </>
            )}
            {took ? `, took ${took}` : ''}
          </Typography>
        </Box>
      </AccordionSummary>
      {/* The Accordion gives its region the id aria-controls names. */}
      <AccordionDetails>
        <Box width="100%">
          <Box mb={2}>
            <Facts
              facts={[
                {
                  label: deployment.origin ? 'Origin' : 'Requested by',
                  value: <RequestedBy deployment={deployment} />,
                },
                ...(deployment.approvedBy
                  ? [
                      {
                        label: 'Approved by',
                        value: <Principal principal={deployment.approvedBy} />,
                      },
                    ]
                  : []),
              ]}
            />
          </Box>
          {deployment.error && (
            <Box mb={2}>
              <Alert severity="error">{deployment.error}</Alert>
            </Box>
          )}
          {pending && (
            <PendingChangeSet deployment={deployment} onExecuted={onExecuted} />
          )}
          {/* Keyed by status: a deployment that moved on has new events. */}
          <DeploymentDetails
            key={deployment.status}
            environment={deployment.environment}
            id={deployment.id}
          />
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The deployment history of an environment, newest first, with who
 * requested and who approved each run; each deployment opens to its events,
 * and a pending change set can be executed by someone other than its
 * requester.
 */
export function DeploymentsCard(props: { environment: string }) {
  const query = useDeployments(props.environment);
  return (
    <ViewCard
      title="Deployments"
      what="the deployment history"
      query={query}
      emptyMessage="The environment has not been deployed yet."
    >
      {deployments =>
        deployments.map(deployment => (
          <DeploymentItem
            key={deployment.id}
            deployment={deployment}
            onExecuted={query.retry}
          />
        ))
      }
    </ViewCard>
  );
}
