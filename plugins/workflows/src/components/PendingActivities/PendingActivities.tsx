import { FormattedTime } from '@ai-ops-console/console-react';
import { WorkflowPendingActivity } from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { toJsonText } from '../JsonView';

/** Activities the execution waits on: attempt, last failure, heartbeat. */
export function PendingActivities(props: {
  activities: WorkflowPendingActivity[];
}) {
  if (props.activities.length === 0) {
    return (
      <Typography color="textSecondary">No pending activities.</Typography>
    );
  }
  return (
    <Table size="small" aria-label="Pending activities">
      <TableHead>
        <TableRow>
          <TableCell>Activity</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Attempt</TableCell>
          <TableCell>Last failure</TableCell>
          <TableCell>Last heartbeat</TableCell>
          <TableCell>Heartbeat details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.activities.map(activity => (
          <TableRow key={activity.activityId}>
            <TableCell component="th" scope="row" role="rowheader">
              {activity.activityType}
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                ID {activity.activityId}
              </Typography>
            </TableCell>
            <TableCell>{activity.state}</TableCell>
            <TableCell>{activity.attempt}</TableCell>
            <TableCell>{activity.lastFailure ?? '—'}</TableCell>
            <TableCell>
              <FormattedTime
                value={activity.lastHeartbeatTime}
                empty="None yet"
              />
            </TableCell>
            <TableCell>
              {activity.heartbeatDetails === undefined ? (
                '—'
              ) : (
                <Typography component="pre" variant="caption">
                  {toJsonText(activity.heartbeatDetails)}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
