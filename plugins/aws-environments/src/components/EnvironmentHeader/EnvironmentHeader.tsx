import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import type { EnvironmentSummary } from '@innovate/plugin-aws-environments-common';
import { formatDateTime, formatRelative, formatUsd } from '../../format';
import { useEnvironment } from '../../hooks';
import { SourceBadge } from '../SourceBadge';
import { StatusLabel, toneOf } from '../StatusLabel';
import { ViewError } from '../ViewCard';

function Summary(props: { environment: EnvironmentSummary }) {
  const { environment } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }}>
      <SourceBadge source={environment.source} />
      <StatusLabel tone={toneOf(environment.status)}>
        {environment.status}
      </StatusLabel>
      <Typography variant="body2" component="span">
        Region {environment.region}
      </Typography>
      <Typography variant="body2" component="span">
        Accounts: management {environment.accounts.management}, workloads{' '}
        {environment.accounts.workloads}
      </Typography>
      <Typography variant="body2" component="span">
        Budget {formatUsd(environment.budgetUsd)} a month
      </Typography>
      <Typography variant="body2" component="span">
        Updated{' '}
        <time
          dateTime={environment.updatedAt}
          title={formatDateTime(environment.updatedAt)}
        >
          {formatRelative(environment.updatedAt)}
        </time>
      </Typography>
    </Box>
  );
}

/**
 * The environment's name, source, status, region, accounts and budget. If
 * the environment cannot be read, says so; the views below still load.
 */
export function EnvironmentHeader(props: {
  environment: string;
  /** Heading level of the name; 1 when the page has no other title. */
  headingLevel?: 1 | 2;
}) {
  const { environment, headingLevel = 2 } = props;
  const { value, loading, error, retry } = useEnvironment(environment);
  return (
    <Box mb={2}>
      <Typography variant="h4" component={`h${headingLevel}`} gutterBottom>
        {environment}
      </Typography>
      {loading && !value && (
        <Progress aria-label={`Loading environment ${environment}`} />
      )}
      {error && (
        <ViewError
          what={`environment ${environment}`}
          error={error}
          onRetry={retry}
        />
      )}
      {value && <Summary environment={value} />}
    </Box>
  );
}
