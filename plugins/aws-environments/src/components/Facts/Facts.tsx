import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10rem, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  term: {
    fontWeight: theme.typography.fontWeightMedium as number,
    color: theme.palette.text.secondary,
  },
  definition: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
}));

/** One labelled fact. */
export interface Fact {
  label: string;
  value: ReactNode;
}

/** Labelled facts as a description list. */
export function Facts(props: { facts: Fact[] }) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.facts.map(fact => (
        <div key={fact.label} style={{ display: 'contents' }}>
          <dt className={classes.term}>{fact.label}</dt>
          <dd className={classes.definition}>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
