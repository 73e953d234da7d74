import { formatDateTime, formatRelative } from '../../format';

/** `3 minutes ago`, with the exact time (and its zone) on hover. */
export function RelativeTime(props: { iso: string }) {
  return (
    <time dateTime={props.iso} title={formatDateTime(props.iso)}>
      {formatRelative(props.iso)}
    </time>
  );
}
