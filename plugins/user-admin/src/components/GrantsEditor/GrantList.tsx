import { RoleGrant } from '@ai-ops-console/backstage-plugin-user-admin-common';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { JsonText } from '../JsonText';

const useStyles = makeStyles({
  mono: { fontFamily: 'monospace', fontSize: '0.8125rem' },
});

/**
 * The grants of a role as a table, for those who may read the role but not
 * change it: permission, action, effect and, for a conditional grant, its
 * rule, plugin, resource type and parameters.
 */
export function GrantList(props: { grants: RoleGrant[] }) {
  const { grants } = props;
  const classes = useStyles();
  if (grants.length === 0) {
    return <Typography>No grants: the role allows nothing.</Typography>;
  }
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Grants">
        <TableHead>
          <TableRow>
            <TableCell>Permission</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Effect</TableCell>
            <TableCell>Condition</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {grants.map((grant, index) => (
            // grants have no identity of their own, and the list is not edited
            <TableRow key={index}>
              <TableCell
                component="th"
                scope="row"
                role="rowheader"
                className={classes.mono}
              >
                {grant.permission}
              </TableCell>
              <TableCell>{grant.action ?? 'Any action'}</TableCell>
              <TableCell>
                {grant.effect === 'allow' ? 'Allow' : 'Conditional'}
              </TableCell>
              <TableCell>
                {grant.effect === 'conditional' ? (
                  <>
                    <Typography variant="body2">
                      Rule{' '}
                      <span className={classes.mono}>
                        {grant.condition.rule}
                      </span>{' '}
                      of plugin{' '}
                      <span className={classes.mono}>
                        {grant.condition.pluginId}
                      </span>{' '}
                      on resource type{' '}
                      <span className={classes.mono}>
                        {grant.condition.resourceType}
                      </span>
                      , with the parameters:
                    </Typography>
                    <JsonText
                      value={grant.condition.params}
                      label="Condition parameters"
                    />
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
