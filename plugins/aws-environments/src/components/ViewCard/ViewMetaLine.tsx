import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ViewMeta } from '@innovate/plugin-aws-environments-common';
import { formatDateTime, formatRelative } from '../../format';
import { RelativeTime } from '../RelativeTime';
import { SourceBadge } from '../SourceBadge';

/** Where a view came from and when it was fetched. */
export function ViewMetaLine(props: { meta: ViewMeta }) {
  const { meta } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <SourceBadge source={meta.source} />
      <Typography variant="caption" component="span">
        Fetched <RelativeTime iso={meta.fetchedAt} />
      </Typography>
    </Box>
  );
}

/** Shown when the source failed and the view is the last good value. */
export function StaleNotice(props: { meta: ViewMeta }) {
  const { meta } = props;
  if (!meta.stale) {
    return null;
  }
  return (
    <Box mb={2}>
      <Alert severity="warning">
        Showing cached data from {formatRelative(meta.fetchedAt)} (
        {formatDateTime(meta.fetchedAt)}): the source could not be read
        {meta.staleReason ? `: ${meta.staleReason}` : '.'}
      </Alert>
    </Box>
  );
}
