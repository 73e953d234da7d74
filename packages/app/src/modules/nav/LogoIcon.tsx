import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
});

/** The Innovate mark: an "i" in a rounded square, in the sidebar's accent. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      role="img"
      aria-label="Innovate"
    >
      <rect x="1" y="1" width="30" height="30" rx="7" fill="#7df3e1" />
      <circle cx="16" cy="9" r="2.6" fill="#151515" />
      <rect
        x="13.4"
        y="13.5"
        width="5.2"
        height="11.5"
        rx="1.5"
        fill="#151515"
      />
    </svg>
  );
};
