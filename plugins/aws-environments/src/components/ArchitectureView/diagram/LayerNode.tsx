import type { Node, NodeProps } from '@xyflow/react';
import { makeStyles } from '@material-ui/core/styles';

export type LayerFlowNode = Node<{ label: string; vpc?: boolean }, 'layer'>;

const useStyles = makeStyles(theme => ({
  root: {
    boxSizing: 'border-box',
    width: '100%',
    height: '100%',
    borderRadius: 8,
    border: `1px dashed ${theme.palette.text.secondary}`,
    background:
      theme.palette.type === 'dark'
        ? 'rgba(255, 255, 255, 0.03)'
        : 'rgba(0, 0, 0, 0.02)',
    padding: theme.spacing(0.75, 1.5),
    fontSize: 13,
    fontWeight: 700,
    color: theme.palette.text.primary,
  },
  vpc: {
    borderStyle: 'solid',
    borderWidth: 2,
    background: 'transparent',
  },
}));

/** A labelled box around one layer of the drawing (or the VPC). */
export function LayerNode(props: NodeProps<LayerFlowNode>) {
  const classes = useStyles();
  return (
    <div className={`${classes.root} ${props.data.vpc ? classes.vpc : ''}`}>
      {props.data.label}
    </div>
  );
}
