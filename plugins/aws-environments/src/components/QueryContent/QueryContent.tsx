import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import type { QueryResult } from '../../hooks';
import { RenderBoundary } from './RenderBoundary';
import { ViewError } from './ViewError';

/** Props of {@link QueryContent}. */
export interface QueryContentProps<T> {
  query: QueryResult<T>;
  /** What the query shows, for loading and error messages ("the cluster view"). */
  what: string;
  /** True when the value has nothing to show; by default, an empty list. */
  isEmpty?: (value: T) => boolean;
  emptyMessage?: ReactNode;
  /** Plain text instead of progress bars and alerts, for table cells. */
  inline?: boolean;
  children: (value: T) => ReactNode;
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** Calls `children` while rendering, so the boundary above catches what it throws. */
function Rendered(props: { children: () => ReactNode }) {
  return <>{props.children()}</>;
}

/**
 * One query's loading, error (the backend's message and a retry), empty and
 * loaded states. The value stays on screen while it reloads; a value that
 * fails to render shows its error in place.
 */
export function QueryContent<T>(props: QueryContentProps<T>) {
  const {
    query,
    what,
    isEmpty = isEmptyList,
    emptyMessage,
    inline,
    children,
  } = props;
  const { value, loading, error, retry } = query;

  if (error && !loading) {
    return (
      <ViewError what={what} error={error} onRetry={retry} inline={inline} />
    );
  }
  if (value === undefined) {
    return inline ? (
      <Typography variant="body2" color="textSecondary">
        Loading…
      </Typography>
    ) : (
      <Progress aria-label={`Loading ${what}`} />
    );
  }
  return (
    <>
      {loading && !inline && (
        <Box mb={1}>
          <Progress aria-label={`Reloading ${what}`} />
        </Box>
      )}
      <RenderBoundary what={what} inline={inline} onRetry={retry}>
        <Rendered>
          {() =>
            isEmpty(value) ? (
              <Typography variant="body2" color="textSecondary">
                {emptyMessage ?? `Nothing to show in ${what}.`}
              </Typography>
            ) : (
              children(value)
            )
          }
        </Rendered>
      </RenderBoundary>
    </>
  );
}
