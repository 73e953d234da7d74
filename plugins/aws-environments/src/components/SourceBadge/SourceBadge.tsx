import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { DataSourceKind } from '@innovate/plugin-aws-environments-common';

const DESCRIPTIONS: Record<DataSourceKind, string> = {
  sandbox:
    'Sandbox data: derived from the synthesized template and the cost model, not read from AWS.',
  aws: 'Read from AWS.',
};

const useStyles = makeStyles({
  // Fixed colours, not theme ones: the badge must read the same (and pass
  // contrast checks) in light and dark themes.
  sandbox: {
    backgroundColor: '#ffe082',
    color: '#3e2723',
    fontWeight: 600,
  },
});

/**
 * Where a view's data came from. Sandbox data gets a prominent badge so it
 * is never taken for real AWS data.
 */
export function SourceBadge(props: { source: DataSourceKind }) {
  const { source } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={source === 'sandbox' ? 'Sandbox' : 'AWS'}
      title={DESCRIPTIONS[source]}
      variant={source === 'sandbox' ? 'default' : 'outlined'}
      className={source === 'sandbox' ? classes.sandbox : undefined}
      data-testid={`source-badge-${source}`}
    />
  );
}
