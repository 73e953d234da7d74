import type { DatabaseView } from '@innovate/plugin-aws-environments-common';
import { formatDateTime } from '../../format';
import { useDatabaseView } from '../../hooks';
import { DataTable } from '../DataTable';
import { Facts } from '../Facts';
import { RelativeTime } from '../RelativeTime';
import { LifecycleAlert, lifecycleSummary } from '../LifecycleAlert';
import { StatusText } from '../StatusLabel';
import { ViewCard } from '../ViewCard';

/** The RDS view of an environment. */
export function DatabaseCard(props: { environment: string }) {
  const query = useDatabaseView(props.environment);
  return (
    <ViewCard title="RDS database" what="the database view" query={query}>
      {view => <DatabaseDetails view={view} />}
    </ViewCard>
  );
}

function DatabaseDetails(props: { view: DatabaseView }) {
  const { view } = props;
  const modifications = Object.entries(view.pendingModifications);
  return (
    <>
      <LifecycleAlert lifecycle={view.lifecycle} />
      <Facts
        facts={[
          { label: 'Instance', value: view.identifier },
          {
            label: 'Status',
            value: <StatusText status={view.status} />,
          },
          { label: 'Class', value: view.instanceClass },
          { label: 'Engine', value: `${view.engine} ${view.engineVersion}` },
          ...(view.lifecycle
            ? [{ label: 'Support', value: lifecycleSummary(view.lifecycle) }]
            : []),
          {
            label: 'Storage',
            value: `${view.allocatedStorageGb} GB ${view.storageType}${
              view.iops ? `, ${view.iops.toLocaleString('en-US')} IOPS` : ''
            }`,
          },
          { label: 'Multi-AZ', value: view.multiAz ? 'Yes' : 'No (single AZ)' },
          {
            label: 'Encryption at rest',
            value: view.storageEncrypted ? 'Encrypted (KMS)' : 'Not encrypted',
          },
          {
            label: 'Backup retention',
            value:
              view.backupRetentionDays > 0
                ? `${view.backupRetentionDays} days${
                    view.preferredBackupWindow
                      ? `, window ${view.preferredBackupWindow} UTC`
                      : ''
                  }`
                : 'Automated backups off',
          },
          {
            label: 'Latest restorable time',
            value: view.latestRestorableTime ? (
              <RelativeTime iso={view.latestRestorableTime} />
            ) : (
              'None yet (point-in-time recovery unavailable)'
            ),
          },
          {
            label: 'Deletion protection',
            value: view.deletionProtection ? 'On' : 'Off',
          },
          ...(view.preferredMaintenanceWindow
            ? [
                {
                  label: 'Maintenance window',
                  value: `${view.preferredMaintenanceWindow} UTC`,
                },
              ]
            : []),
          ...(view.endpoint
            ? [{ label: 'Endpoint', value: view.endpoint }]
            : []),
        ]}
      />
      <DataTable
        title="Pending maintenance"
        rows={view.pendingMaintenance}
        rowKey={item => `${item.action}-${item.description ?? ''}`}
        emptyMessage="No pending maintenance."
        columns={[
          { title: 'Action', render: item => item.action },
          { title: 'Description', render: item => item.description ?? '—' },
          {
            title: 'Applies',
            render: item => {
              const when =
                item.currentApplyDate ??
                item.autoAppliedAfter ??
                item.forcedApplyDate;
              return when ? formatDateTime(when) : 'At next opt-in';
            },
          },
        ]}
      />
      {modifications.length > 0 && (
        <DataTable
          title="Pending modifications"
          rows={modifications}
          rowKey={([key]) => key}
          columns={[
            { title: 'Setting', render: ([key]) => key },
            { title: 'New value', render: ([, value]) => String(value) },
          ]}
        />
      )}
    </>
  );
}
