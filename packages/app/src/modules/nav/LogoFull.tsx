import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#ffffff',
    whiteSpace: 'nowrap',
  },
  name: { fontSize: 20, fontWeight: 700, lineHeight: 1.1 },
  sub: { fontSize: 12, fontWeight: 400, color: '#7df3e1', display: 'block' },
});

/** The Innovate Portal logo for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <LogoIcon />
      <span className={classes.name}>
        Innovate <span className={classes.sub}>developer portal</span>
      </span>
    </span>
  );
};
