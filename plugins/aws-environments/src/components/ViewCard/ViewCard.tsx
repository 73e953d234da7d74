import { InfoCard } from '@backstage/core-components';
import type { ViewMeta } from '@innovate/plugin-aws-environments-common';
import { useElementId } from '../../hooks';
import { QueryContent, type QueryContentProps } from '../QueryContent';
import { StaleNotice, ViewMetaLine } from './ViewMetaLine';

/** Props of {@link ViewCard}. */
export interface ViewCardProps<T> extends Omit<QueryContentProps<T>, 'inline'> {
  /** The card's heading; also names it for assistive technology. */
  title: string;
  /** `gridItem` fills the height of a grid row. */
  variant?: 'gridItem';
}

/** True for the backend's data views, which say their source and age. */
function isViewMeta(value: unknown): value is ViewMeta {
  return (
    typeof value === 'object' &&
    value !== null &&
    'source' in value &&
    'fetchedAt' in value &&
    'stale' in value
  );
}

/**
 * A card over one backend query with its own loading, error (with retry),
 * empty and stale states, and the source and age of a data view, so one
 * failing view never blanks the page (the card's error boundary also keeps
 * a view that fails to render to itself).
 */
export function ViewCard<T>(props: ViewCardProps<T>) {
  const { title, variant, ...content } = props;
  const headingId = useElementId('card');
  const { value } = content.query;
  const meta = isViewMeta(value) ? value : undefined;
  return (
    <section aria-labelledby={headingId} style={{ height: '100%' }}>
      <InfoCard
        title={title}
        titleTypographyProps={{ component: 'h2', id: headingId }}
        subheader={meta ? <ViewMetaLine meta={meta} /> : undefined}
        subheaderTypographyProps={{ component: 'div' }}
        variant={variant}
      >
        {meta && <StaleNotice meta={meta} />}
        <QueryContent {...content} />
      </InfoCard>
    </section>
  );
}
