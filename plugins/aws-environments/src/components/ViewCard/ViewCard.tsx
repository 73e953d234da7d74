import { ReactNode, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import type { ViewMeta } from '@innovate/plugin-aws-environments-common';
import type { QueryResult } from '../../hooks';
import { ViewError } from './ViewError';
import { StaleNotice, ViewMetaLine } from './ViewMetaLine';

let nextHeadingId = 0;

/** Props of {@link ViewCard}. */
export interface ViewCardProps<T> {
  /** The card's heading; also names it for assistive technology. */
  title: string;
  /** What the card shows, for loading and error messages ("the cluster view"). */
  what: string;
  query: QueryResult<T>;
  /** Source, fetch time and staleness of the value, where it has them. */
  meta?: (value: T) => ViewMeta | undefined;
  /** True when the value has nothing to show. */
  isEmpty?: (value: T) => boolean;
  emptyMessage?: ReactNode;
  /** Content at the top right of the header. */
  action?: ReactNode;
  /** `gridItem` fills the height of a grid row. */
  variant?: 'gridItem';
  children: (value: T) => ReactNode;
}

/**
 * A card over one backend query with its own loading, error (with retry),
 * empty and stale states, so one failing view never blanks the page.
 */
export function ViewCard<T>(props: ViewCardProps<T>) {
  const { title, what, query, meta, isEmpty, emptyMessage, action, variant } =
    props;
  // Not React 18's useId: the plugin also supports React 16 and 17 apps.
  const [headingId] = useState(
    () => `aws-environments-card-${++nextHeadingId}`,
  );
  const { value, loading, error, retry } = query;
  const valueMeta = value !== undefined && meta ? meta(value) : undefined;

  let body: ReactNode;
  if (loading && value === undefined) {
    body = <Progress aria-label={`Loading ${what}`} />;
  } else if (error) {
    body = <ViewError what={what} error={error} onRetry={retry} />;
  } else if (value === undefined) {
    body = null;
  } else if (isEmpty?.(value)) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {emptyMessage ?? `Nothing to show in ${what}.`}
      </Typography>
    );
  } else {
    body = props.children(value);
  }

  return (
    <section aria-labelledby={headingId} style={{ height: '100%' }}>
      <InfoCard
        title={title}
        titleTypographyProps={{ component: 'h2', id: headingId }}
        subheader={valueMeta ? <ViewMetaLine meta={valueMeta} /> : undefined}
        subheaderTypographyProps={{ component: 'div' }}
        action={action}
        variant={variant}
      >
        {valueMeta && <StaleNotice meta={valueMeta} />}
        {loading && value !== undefined && (
          <Box mb={1}>
            <Progress aria-label={`Reloading ${what}`} />
          </Box>
        )}
        {body}
      </InfoCard>
    </section>
  );
}
