import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  Deployment,
  SpecFieldChange,
} from '@innovate/plugin-aws-environments-common';
import { DataTable } from '../DataTable';

/** A spec value as text: strings as they are, lists joined, the rest as JSON. */
export function formatSpecValue(value: unknown): string {
  if (typeof value === 'string') {
    return value === '' ? '(empty)' : value;
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? '(empty list)'
      : value.map(formatSpecValue).join(', ');
  }
  return JSON.stringify(value);
}

function Heading() {
  return (
    <Typography variant="h6" component="h3" gutterBottom>
      Changes to the spec
    </Typography>
  );
}

/** One row per top-level section: `field = value; …` for each of its leaves. */
function sections(changes: SpecFieldChange[]) {
  const bySection = new Map<string, string[]>();
  for (const { field, after } of changes) {
    const [section, ...rest] = field.split('.');
    const leaf = rest.length > 0 ? rest.join('.') : section;
    const list = bySection.get(section) ?? [];
    list.push(`${leaf} = ${formatSpecValue(after)}`);
    bySection.set(section, list);
  }
  return [...bySection].map(([section, fields]) => ({ section, fields }));
}

/**
 * A first deployment adds every field: a count, and the whole spec by
 * section in a collapsed block rather than one row per field.
 */
function WholeSpec(props: { changes: SpecFieldChange[] }) {
  const rows = sections(props.changes);
  return (
    <>
      <Typography variant="body2">
        First deployment: the whole spec ({props.changes.length} fields in{' '}
        {rows.length} sections). No earlier deployment of this environment
        succeeded, so every field is added.
      </Typography>
      <details>
        <Typography component="summary" variant="body2">
          Show the whole spec
        </Typography>
        <DataTable
          title="The whole spec"
          headingLevel={4}
          rows={rows}
          rowKey={row => row.section}
          columns={[
            { title: 'Section', render: row => row.section, noWrap: true },
            { title: 'Fields', render: row => row.fields.join('; ') },
          ]}
        />
      </details>
    </>
  );
}

function ChangesTable(props: { changes: SpecFieldChange[] }) {
  if (props.changes.length === 0) {
    return <Typography variant="body2">No changes to the spec.</Typography>;
  }
  return (
    <DataTable
      title="Changed fields"
      headingLevel={4}
      rows={props.changes}
      rowKey={change => change.field}
      columns={[
        { title: 'Field', render: change => change.field },
        {
          title: 'Before',
          render: change =>
            'before' in change
              ? formatSpecValue(change.before)
              : 'not set (added)',
        },
        {
          title: 'After',
          render: change =>
            'after' in change
              ? formatSpecValue(change.after)
              : 'not set (removed)',
        },
      ]}
    />
  );
}

/**
 * What a deployment changed in the environment's spec, field by field,
 * relative to the last deployment that succeeded before it; the whole spec
 * for a first deployment. Nothing for a deployment recorded without its
 * spec history.
 */
export function SpecChanges(props: { deployment: Deployment }) {
  const { action, previousDeploymentId, specChanges } = props.deployment;
  if (action === 'destroy') {
    return (
      <Box mb={2}>
        <Heading />
        <Typography variant="body2">
          A destroy applies no spec
          {previousDeploymentId
            ? `: it removes what deployment ${previousDeploymentId} deployed.`
            : '.'}
        </Typography>
      </Box>
    );
  }
  if (!specChanges) {
    return null;
  }
  return (
    <Box mb={2}>
      <Heading />
      {previousDeploymentId ? (
        <>
          <Typography variant="body2" color="textSecondary">
            Compared with deployment {previousDeploymentId}, the last one that
            succeeded before this one.
          </Typography>
          <ChangesTable changes={specChanges} />
        </>
      ) : (
        <WholeSpec changes={specChanges} />
      )}
    </Box>
  );
}

/** The stateful resources whose replacement or removal the request accepted. */
export function AcceptedDataLoss(props: { deployment: Deployment }) {
  const ids = props.deployment.acceptDataLoss ?? [];
  if (ids.length === 0) {
    return null;
  }
  return (
    <Box mb={2}>
      <Alert severity="warning">
        Accepted data loss: the request allowed replacing or removing{' '}
        {ids.map((id, index) => (
          <span key={id}>
            {index > 0 && ', '}
            <code>{id}</code>
          </span>
        ))}
        , and losing the data they hold.
      </Alert>
    </Box>
  );
}
