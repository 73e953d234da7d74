import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import type {
  AddonView,
  ClusterView,
  NodeGroupView,
  UpgradeInsightView,
} from '@innovate/plugin-aws-environments-common';
import { useClusterView } from '../../hooks';
import { DataTable } from '../DataTable';
import { Facts } from '../Facts';
import {
  LifecycleAlert,
  lifecycleSummary,
  lifecycleTone,
} from '../LifecycleAlert';
import { StatusLabel, StatusText } from '../StatusLabel';
import { ViewCard } from '../ViewCard';

/** Props of {@link ClusterCard}. */
export interface ClusterCardProps {
  /** The environment's name in the aws-environments backend. */
  environment: string;
  /** Highlight one node group (its entity page shows the cluster card). */
  nodeGroup?: string;
}

/** The EKS view of an environment: version, access, node groups, add-ons. */
export function ClusterCard(props: ClusterCardProps) {
  const query = useClusterView(props.environment);
  return (
    <ViewCard title="EKS cluster" what="the cluster view" query={query}>
      {view => <ClusterDetails view={view} nodeGroup={props.nodeGroup} />}
    </ViewCard>
  );
}

function endpointAccess(view: ClusterView): string {
  if (view.endpointPublicAccess && view.endpointPrivateAccess) {
    const cidrs = view.publicAccessCidrs.length
      ? view.publicAccessCidrs.join(', ')
      : 'any address';
    return `Public (from ${cidrs}) and private`;
  }
  if (view.endpointPublicAccess) {
    return 'Public only';
  }
  return 'Private only';
}

function ClusterDetails(props: { view: ClusterView; nodeGroup?: string }) {
  const { view, nodeGroup } = props;
  const versionTone =
    lifecycleTone(view.lifecycle) ?? (view.behindTarget ? 'warning' : 'ok');
  return (
    <>
      <LifecycleAlert lifecycle={view.lifecycle} />
      {view.behindTarget && (
        <Box mb={2}>
          <Alert severity="warning">
            Kubernetes {view.version} is behind the target version{' '}
            {view.targetVersion}. Plan an upgrade: check the upgrade insights
            below, then upgrade the control plane and the node groups.
          </Alert>
        </Box>
      )}
      <Facts
        facts={[
          { label: 'Cluster', value: view.name },
          {
            label: 'Kubernetes version',
            value: (
              <StatusLabel tone={versionTone}>
                {`${view.version} (target ${view.targetVersion})`}
              </StatusLabel>
            ),
          },
          ...(view.lifecycle
            ? [{ label: 'Support', value: lifecycleSummary(view.lifecycle) }]
            : []),
          {
            label: 'Status',
            value: <StatusText status={view.status} />,
          },
          ...(view.platformVersion
            ? [{ label: 'Platform version', value: view.platformVersion }]
            : []),
          { label: 'Endpoint access', value: endpointAccess(view) },
          {
            label: 'Secrets encryption',
            value: view.secretsEncryption ? 'KMS' : 'Not encrypted',
          },
          {
            label: 'Control plane logs',
            value: view.enabledLogTypes.length
              ? view.enabledLogTypes.join(', ')
              : 'None',
          },
        ]}
      />
      <NodeGroups nodeGroups={view.nodeGroups} highlight={nodeGroup} />
      <Addons addons={view.addons} />
      <Insights insights={view.insights} />
    </>
  );
}

function NodeGroups(props: {
  nodeGroups: NodeGroupView[];
  highlight?: string;
}) {
  return (
    <DataTable
      title="Node groups"
      rows={props.nodeGroups}
      rowKey={group => group.name}
      emptyMessage="The cluster has no managed node groups."
      rowProps={group =>
        group.name === props.highlight ? { 'aria-current': 'true' } : undefined
      }
      columns={[
        {
          title: 'Name',
          noWrap: true,
          render: group =>
            group.name === props.highlight ? (
              <>
                {group.name} <em>(this node group)</em>
              </>
            ) : (
              group.name
            ),
        },
        {
          title: 'Status',
          render: group => <StatusText status={group.status} />,
        },
        {
          title: 'Instance types',
          render: group =>
            [group.instanceTypes.join(', '), group.capacityType]
              .filter(Boolean)
              .join(' · '),
        },
        { title: 'Min', numeric: true, render: group => group.minSize },
        { title: 'Desired', numeric: true, render: group => group.desiredSize },
        { title: 'Max', numeric: true, render: group => group.maxSize },
        {
          title: 'Health issues',
          render: group =>
            group.healthIssues.length === 0 ? (
              'None'
            ) : (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {group.healthIssues.map(issue => (
                  <li key={issue.code}>
                    <strong>{issue.code}</strong>: {issue.message}
                  </li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}

function Addons(props: { addons: AddonView[] }) {
  return (
    <DataTable
      title="Add-ons"
      rows={props.addons}
      rowKey={addon => addon.name}
      emptyMessage="No EKS add-ons are installed."
      columns={[
        { title: 'Name', noWrap: true, render: addon => addon.name },
        { title: 'Version', render: addon => addon.version ?? 'Unknown' },
        {
          title: 'Status',
          render: addon => <StatusText status={addon.status} />,
        },
        {
          title: 'Issues',
          render: addon =>
            addon.issues.length ? addon.issues.join('; ') : 'None',
        },
      ]}
    />
  );
}

function Insights(props: { insights: UpgradeInsightView[] | null }) {
  return (
    <DataTable
      title="Upgrade insights"
      rows={props.insights ?? []}
      rowKey={insight => insight.id}
      emptyMessage={
        props.insights
          ? 'No upgrade insights.'
          : 'Upgrade insights are not available for this cluster.'
      }
      columns={[
        { title: 'Check', render: insight => insight.name },
        {
          title: 'Status',
          render: insight => <StatusText status={insight.status} />,
        },
        {
          title: 'For version',
          render: insight => insight.kubernetesVersion ?? '—',
        },
        {
          title: 'Details',
          render: insight =>
            [insight.reason, insight.recommendation ?? insight.description]
              .filter(Boolean)
              .join(' '),
        },
      ]}
    />
  );
}
