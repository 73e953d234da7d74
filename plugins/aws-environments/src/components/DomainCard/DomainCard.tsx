import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  CertificateView,
  DomainView,
} from '@innovate/plugin-aws-environments-common';
import { formatDateTime } from '../../format';
import { useDomainView } from '../../hooks';
import { DataTable } from '../DataTable';
import { Facts } from '../Facts';
import { StatusLabel } from '../StatusLabel';
import { ViewCard } from '../ViewCard';
import {
  certificateTone,
  daysToExpiry,
  expiryWords,
  PURPOSE_LABELS,
  RECORD_LABELS,
  RECORD_TONES,
  renewalWords,
  resourceKind,
  SERVES_LABELS,
} from './domainFormat';

function Expiry(props: { certificate: CertificateView }) {
  const { notAfter } = props.certificate;
  const days = daysToExpiry(notAfter);
  if (!notAfter || days === undefined) {
    return <>—</>;
  }
  return (
    <>
      {formatDateTime(notAfter)}
      <Typography variant="caption" component="div">
        {days < 0 ? `expired ${expiryWords(days)}` : expiryWords(days)}
      </Typography>
    </>
  );
}

function CertificateStatus(props: { certificate: CertificateView }) {
  const { certificate } = props;
  return (
    <>
      <StatusLabel tone={certificateTone(certificate)}>
        {certificate.status}
      </StatusLabel>
      {(certificate.error ?? certificate.failureReason) && (
        <Typography variant="caption" component="div">
          {certificate.error ?? certificate.failureReason}
        </Typography>
      )}
    </>
  );
}

function Certificates(props: { certificates: CertificateView[] }) {
  return (
    <DataTable
      title="Certificates"
      rows={props.certificates}
      rowKey={c => `${c.stackName}/${c.logicalId}`}
      rowProps={c => ({ 'data-status': c.status })}
      emptyMessage="No certificates in the templates."
      columns={[
        {
          title: 'For',
          render: c => `${PURPOSE_LABELS[c.purpose]} (${c.region})`,
          noWrap: true,
        },
        { title: 'Names', render: c => c.domainNames.join(', ') },
        {
          title: 'Status',
          render: c => <CertificateStatus certificate={c} />,
        },
        { title: 'Expires', render: c => <Expiry certificate={c} /> },
        { title: 'Renewal', render: c => renewalWords(c) },
        {
          title: 'In use by',
          render: c =>
            c.inUseBy.length > 0
              ? c.inUseBy.map(arn => (
                  <div key={arn} title={arn}>
                    {resourceKind(arn)}
                  </div>
                ))
              : '—',
        },
      ]}
    />
  );
}

function Records(props: { view: DomainView }) {
  return (
    <DataTable
      title="DNS records"
      rows={props.view.records}
      rowKey={r => `${r.name}/${r.type}`}
      rowProps={r => ({ 'data-state': r.state })}
      emptyMessage="No alias records in the templates."
      columns={[
        { title: 'Name', render: r => r.name, noWrap: true },
        { title: 'Type', render: r => r.type, noWrap: true },
        { title: 'Alias of', render: r => r.target },
        {
          title: 'State',
          render: r => (
            <>
              <StatusLabel tone={RECORD_TONES[r.state]}>
                {RECORD_LABELS[r.state]}
              </StatusLabel>
              {r.detail && (
                <Typography variant="caption" component="div">
                  {r.detail}
                </Typography>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

function DomainDetails(props: { view: DomainView }) {
  const { view } = props;
  if (!view.configured) {
    return (
      <>
        <Typography variant="body1" component="p">
          No domain.
        </Typography>
        <Typography variant="body2" component="p" color="textSecondary">
          {view.note}
        </Typography>
      </>
    );
  }
  const zone = view.hostedZone;
  return (
    <>
      {view.simulated && (
        <Box mb={1}>
          <Chip size="small" variant="outlined" label="Sandbox: simulated" />
          {view.note && (
            <Typography variant="body2" component="p" color="textSecondary">
              {view.note}
            </Typography>
          )}
        </Box>
      )}
      <Facts
        facts={[
          {
            label: 'Names',
            value: view.names.map(n => (
              <div key={n.name}>
                {n.name} ({SERVES_LABELS[n.serves]})
              </div>
            )),
          },
          ...(zone
            ? [
                {
                  label: 'Hosted zone',
                  value: `${zone.name} (${zone.id}), in the ${zone.accountRole} account ${zone.accountId}`,
                },
              ]
            : []),
          ...(view.distributionDomainName
            ? [{ label: 'CloudFront', value: view.distributionDomainName }]
            : []),
        ]}
      />
      <Certificates certificates={view.certificates} />
      <Records view={view} />
    </>
  );
}

/**
 * The environment's domain: the names it serves, its hosted zone, its ACM
 * certificates (status, expiry and renewal) and its Route 53 alias records;
 * without a domain, what one would add.
 */
export function DomainCard(props: { environment: string }) {
  return (
    <ViewCard
      title="Domain and certificates"
      what="the domain view"
      query={useDomainView(props.environment)}
      isEmpty={() => false}
    >
      {view => <DomainDetails view={view} />}
    </ViewCard>
  );
}
