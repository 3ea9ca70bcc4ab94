import { RouterLink } from '@backstage/frontend-plugin-api';
import { Link, makeStyles } from '@material-ui/core';
import { useLinks } from '../../hooks/useLinks';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: 0,
    padding: 0,
  },
  current: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** The dashboard and the comparison, keeping the range and filters. */
export function ViewNav(props: { current: 'dashboard' | 'compare' }) {
  const classes = useStyles();
  const links = useLinks();
  const items = [
    { id: 'dashboard', label: 'Dashboard', href: links.dashboard() },
    { id: 'compare', label: 'Compare', href: links.compare() },
  ] as const;
  return (
    <nav aria-label="AI Metrics views">
      <ul className={classes.list}>
        {items.map(item =>
          item.href ? (
            <li key={item.id}>
              <Link
                component={RouterLink}
                href={item.href}
                aria-current={props.current === item.id ? 'page' : undefined}
                className={
                  props.current === item.id ? classes.current : undefined
                }
              >
                {item.label}
              </Link>
            </li>
          ) : null,
        )}
      </ul>
    </nav>
  );
}
