import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { StatusLabel } from '../../StatusLabel';
import { formatCost } from '../model/cost';
import type { ArchitecturePart } from '../model/types';

/** What a part's box shows, with its links already resolved. */
export interface PartNodeData extends Record<string, unknown> {
  part: ArchitecturePart;
  /** The catalog page of the part's own entity. */
  entityHref?: string;
  /** The environment's tab that explains the part, and its name. */
  view?: { href: string; label: string };
}

export type PartFlowNode = Node<PartNodeData, 'part'>;

const useStyles = makeStyles(theme => ({
  root: {
    boxSizing: 'border-box',
    width: '100%',
    height: '100%',
    padding: theme.spacing(0.75, 1),
    borderRadius: 6,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 6,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    fontSize: 12,
    lineHeight: 1.35,
    display: 'flex',
    flexDirection: 'column',
    gap: 2,
    overflow: 'hidden',
  },
  // The tone's colour on the left edge; the status word says it too.
  ok: { borderLeftColor: theme.palette.status.ok },
  warning: { borderLeftColor: theme.palette.status.warning },
  error: {
    borderLeftColor: theme.palette.status.error,
    borderColor: theme.palette.status.error,
  },
  pending: { borderLeftColor: theme.palette.status.pending },
  running: { borderLeftColor: theme.palette.status.running },
  aborted: { borderLeftColor: theme.palette.status.aborted },
  none: { borderLeftColor: theme.palette.divider },
  kind: { fontWeight: 700, fontSize: 12 },
  line: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  statusLine: { display: 'flex', alignItems: 'center', gap: 6 },
  sandbox: {
    // The SourceBadge's fixed colours: readable in light and dark themes.
    backgroundColor: '#ffe082',
    color: '#3e2723',
    fontWeight: 600,
    borderRadius: 8,
    padding: '0 6px',
    fontSize: 11,
  },
  secondary: { color: theme.palette.text.secondary, fontSize: 11 },
  handle: { opacity: 0, pointerEvents: 'none' },
}));

/**
 * Where arrows leave and enter besides bottom and top: egress goes up from
 * the node groups into the NAT gateways' bottom; dependencies leave the
 * cluster to the left, into the right side of the services beside it; in
 * the edge layer's row, requests go across, right side to left side.
 */
export const EXTRA_HANDLES = [
  { id: 'across-out', type: 'source', position: Position.Right },
  { id: 'across-in', type: 'target', position: Position.Left },
  { id: 'up', type: 'source', position: Position.Top },
  { id: 'below', type: 'target', position: Position.Bottom },
  { id: 'left', type: 'source', position: Position.Left },
  { id: 'right', type: 'target', position: Position.Right },
] as const;

/** The part's state and cost in one sentence, for screen readers. */
export function describePart(part: ArchitecturePart): string {
  const status = part.status
    ? `status ${part.status.text}${
        part.status.reasons.length ? ` (${part.status.reasons.join('; ')})` : ''
      }`
    : undefined;
  return [
    `${part.kind}: ${part.title}`,
    status,
    formatCost(part.cost),
    part.source === 'sandbox' ? 'sandbox data' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * One part of the environment: what it is, its name (a link to its catalog
 * entity), its status as an icon and a word, its monthly cost, whether its
 * data is sandbox data, and a link to the tab that explains it.
 */
export function PartNode(props: NodeProps<PartFlowNode>) {
  const { part, entityHref, view } = props.data;
  const classes = useStyles();
  const cost = formatCost(part.cost, 'short');
  const tone = part.status?.tone ?? 'none';
  return (
    <div
      className={`${classes.root} ${classes[tone]}`}
      data-testid={`architecture-part-${part.id}`}
      data-tone={tone}
      title={part.status?.reasons.join('\n') || undefined}
    >
      <Handle
        type="target"
        position={Position.Top}
        className={classes.handle}
        isConnectable={false}
      />
      <span className={`${classes.kind} ${classes.line}`}>{part.kind}</span>
      <span className={classes.line}>
        {entityHref ? <Link to={entityHref}>{part.title}</Link> : part.title}
      </span>
      {part.status && (
        <span className={classes.statusLine}>
          <StatusLabel tone={part.status.tone}>{part.status.text}</StatusLabel>
          {part.source === 'sandbox' && (
            <span className={classes.sandbox}>Sandbox</span>
          )}
        </span>
      )}
      {cost && <span className={classes.line}>{cost}</span>}
      {part.details.slice(0, 1).map(detail => (
        <span key={detail} className={`${classes.line} ${classes.secondary}`}>
          {detail}
        </span>
      ))}
      {view && (
        <span className={classes.line}>
          <Link to={view.href}>{view.label}</Link>
        </span>
      )}
      <Handle
        type="source"
        position={Position.Bottom}
        className={classes.handle}
        isConnectable={false}
      />
      {EXTRA_HANDLES.map(handle => (
        <Handle
          key={handle.id}
          {...handle}
          className={classes.handle}
          isConnectable={false}
        />
      ))}
    </div>
  );
}
