import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  CreateDeploymentResponse,
  PropertyDifference,
  StackDrift,
} from '@innovate/plugin-aws-environments-common';
import { useDriftView } from '../../hooks';
import { DataTable } from '../DataTable';
import { RelativeTime } from '../RelativeTime';
import { StatusLabel } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import {
  DRIFT_LABELS,
  DRIFT_TONES,
  RESOURCE_LABELS,
  RESOURCE_TONES,
  driftSummary,
  driftedResources,
  type DriftedResource,
} from './driftFormat';
import { RedeployButton } from './RedeployButton';

/** Props of {@link DriftCard}. */
export interface DriftCardProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /** The Deployments tab, relative to where the card is shown. */
  deploymentsLink?: string;
  /** Called once a redeployment the card started is queued. */
  onRedeployed?: (deployment: CreateDeploymentResponse) => void;
}

function Difference(props: { difference: PropertyDifference }) {
  const { path, expected, actual } = props.difference;
  return (
    <div>
      <code>{path}</code>: {expected || '(none)'} → {actual || '(none)'}
    </div>
  );
}

function Differences(props: { resource: DriftedResource }) {
  const { resource } = props;
  if (resource.status === 'DELETED') {
    return <>Deleted outside CloudFormation</>;
  }
  if (resource.differences.length === 0) {
    return <>—</>;
  }
  return (
    <>
      {resource.differences.map(difference => (
        <Difference key={difference.path} difference={difference} />
      ))}
    </>
  );
}

/** Stacks whose drift is not known, with the reason. */
function UncheckedStacks(props: { stacks: StackDrift[] }) {
  const unchecked = props.stacks.filter(
    stack => stack.status === 'UNKNOWN' || stack.status === 'NOT_CHECKED',
  );
  if (unchecked.length === 0) {
    return null;
  }
  return (
    <Box mt={2} component="ul" pl={2}>
      {unchecked.map(stack => (
        <Typography key={stack.name} variant="body2" component="li">
          <StatusLabel tone={DRIFT_TONES[stack.status]}>
            {`${stack.name}: ${DRIFT_LABELS[stack.status]}`}
          </StatusLabel>
          {stack.reason ? ` — ${stack.reason}` : ''}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * Drift of the environment's CloudFormation stacks from their templates:
 * the overall status, the drifted resources with each property's expected
 * and actual value, and (for users who may update the environment) a
 * redeployment that reverts them.
 */
export function DriftCard(props: DriftCardProps) {
  const { environment, deploymentsLink, onRedeployed } = props;
  return (
    <ViewCard
      title="Drift"
      what="the drift view"
      query={useDriftView(environment)}
      isEmpty={() => false}
    >
      {view => {
        const resources = driftedResources(view.stacks);
        return (
          <>
            <Typography variant="body1" component="p">
              <StatusLabel tone={DRIFT_TONES[view.status]}>
                {DRIFT_LABELS[view.status]}
              </StatusLabel>{' '}
              {driftSummary(view.status, view.stacks)}
            </Typography>
            {view.note && (
              <Typography variant="body2" component="p" color="textSecondary">
                {view.note}
              </Typography>
            )}
            <UncheckedStacks stacks={view.stacks} />
            {resources.length > 0 && (
              <DataTable
                title="Drifted resources"
                rows={resources}
                rowKey={r => `${r.stack}/${r.logicalId}`}
                rowProps={r => ({ 'data-status': r.status })}
                columns={[
                  {
                    title: 'Resource',
                    render: r => (
                      <>
                        {r.logicalId}
                        {r.physicalId && (
                          <Typography variant="caption" component="div">
                            {r.physicalId}
                          </Typography>
                        )}
                      </>
                    ),
                  },
                  { title: 'Stack', render: r => r.stack, noWrap: true },
                  { title: 'Type', render: r => r.type, noWrap: true },
                  {
                    title: 'Status',
                    render: r => (
                      <StatusLabel tone={RESOURCE_TONES[r.status]}>
                        {RESOURCE_LABELS[r.status]}
                      </StatusLabel>
                    ),
                  },
                  {
                    title: 'Expected → actual',
                    render: r => <Differences resource={r} />,
                  },
                  {
                    title: 'Detected',
                    render: r => {
                      const at = view.stacks.find(
                        s => s.name === r.stack,
                      )?.detectedAt;
                      return at ? <RelativeTime iso={at} /> : '—';
                    },
                  },
                ]}
              />
            )}
            {view.status === 'DRIFTED' && (
              <RedeployButton
                environment={environment}
                deploymentsLink={deploymentsLink}
                onQueued={onRedeployed}
              />
            )}
          </>
        );
      }}
    </ViewCard>
  );
}
