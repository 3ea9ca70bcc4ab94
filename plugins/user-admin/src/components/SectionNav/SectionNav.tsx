import { Link as RouterLink } from 'react-router-dom';
import { makeStyles } from '@material-ui/core';

export type SectionLink = {
  id: string;
  title: string;
  href?: string;
};

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  link: {
    display: 'inline-block',
    padding: theme.spacing(1, 2),
    color: theme.palette.text.primary,
    textDecoration: 'none',
    borderBottom: '3px solid transparent',
    ...theme.typography.button,
    '&:hover': { background: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  current: {
    // underlined and bold, not only coloured
    borderBottomColor: theme.palette.primary.main,
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.primary.main,
  },
}));

/** The plugin's sections as real links; the current one is marked for everyone. */
export function SectionNav(props: { links: SectionLink[]; current: string }) {
  const classes = useStyles();
  return (
    <nav aria-label="User admin sections">
      <ul className={classes.list}>
        {props.links
          .filter(link => link.href)
          .map(link => {
            const isCurrent = link.id === props.current;
            return (
              <li key={link.id}>
                <RouterLink
                  to={link.href!}
                  className={`${classes.link} ${
                    isCurrent ? classes.current : ''
                  }`}
                  aria-current={isCurrent ? 'page' : undefined}
                >
                  {link.title}
                </RouterLink>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
