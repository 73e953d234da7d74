import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EnvironmentDetail } from '@innovate/plugin-aws-environments-common';
import { formatUsd } from '../../format';
import { ChangeButton } from '../ChangeEnvironment';
import { useEnvironment } from '../../hooks';
import { Principal } from '../Principal';
import { QueryContent } from '../QueryContent';
import { RelativeTime } from '../RelativeTime';
import { SourceBadge } from '../SourceBadge';
import { StatusText } from '../StatusLabel';

function Summary(props: { environment: EnvironmentDetail }) {
  const { environment } = props;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 16 }}>
      <SourceBadge source={environment.source} />
      <StatusText status={environment.status} />
      <Typography variant="body2" component="span">
        Owner <Principal principal={environment.owner} />
      </Typography>
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
        Updated <RelativeTime iso={environment.updatedAt} />
      </Typography>
      <ChangeButton environment={environment.name} detail={environment} />
    </Box>
  );
}

/**
 * The environment's name (a level-2 heading, under the page's title), source,
 * status, owner, region, accounts and budget. If the environment cannot be read,
 * says so; the views below still load.
 */
export function EnvironmentHeader(props: { environment: string }) {
  const { environment } = props;
  const query = useEnvironment(environment);
  return (
    <Box mb={2}>
      <Typography variant="h4" component="h2" gutterBottom>
        {environment}
      </Typography>
      <QueryContent query={query} what={`environment ${environment}`}>
        {value => <Summary environment={value} />}
      </QueryContent>
    </Box>
  );
}
