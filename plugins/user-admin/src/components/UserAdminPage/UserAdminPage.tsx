import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Card, CardContent, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { userAdminApiRef } from '../../api';

export const UserAdminPage = () => {
  const api = useApi(userAdminApiRef);
  const {
    value: health,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getHealth(), [api]);

  if (loading) {
    return <Progress aria-label="Loading User Admin" />;
  }
  if (error) {
    return (
      <Box p={3}>
        <ResponseErrorPanel
          error={error}
          title="Could not reach the User Admin backend"
        />
        <Button variant="outlined" onClick={retry}>
          Try again
        </Button>
      </Box>
    );
  }

  const database = health!.database;
  return (
    <Box p={3} display="grid" gridGap={16}>
      <Card component="section" aria-labelledby="user-admin-database">
        <CardContent>
          <Typography id="user-admin-database" variant="h6" component="h2">
            User store
          </Typography>
          <Typography role="status">
            {database.reachable ? (
              <StatusOK>Connected</StatusOK>
            ) : (
              <StatusError>Unreachable</StatusError>
            )}{' '}
            {database.client}
          </Typography>
          {database.message && (
            <Typography color="textSecondary">{database.message}</Typography>
          )}
          {!database.reachable && (
            <Button variant="outlined" onClick={retry}>
              Check again
            </Button>
          )}
        </CardContent>
      </Card>
      <EmptyState
        missing="data"
        title="No users to show"
        description="Console users, their roles and sessions will be listed here once sign-in registers them."
      />
    </Box>
  );
};
