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
import { workflowsApiRef } from '../../api';

export const WorkflowsPage = () => {
  const api = useApi(workflowsApiRef);
  const {
    value: health,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getHealth(), [api]);

  if (loading) {
    return <Progress aria-label="Loading workflows" />;
  }
  if (error) {
    return (
      <Box p={3}>
        <ResponseErrorPanel
          error={error}
          title="Could not reach the workflows backend"
        />
        <Button variant="outlined" onClick={retry}>
          Try again
        </Button>
      </Box>
    );
  }

  const temporal = health!.temporal;
  return (
    <Box p={3} display="grid" gridGap={16}>
      <Card component="section" aria-labelledby="workflows-temporal">
        <CardContent>
          <Typography id="workflows-temporal" variant="h6" component="h2">
            Temporal
          </Typography>
          <Typography role="status">
            {temporal.reachable ? (
              <StatusOK>Connected</StatusOK>
            ) : (
              <StatusError>Unreachable</StatusError>
            )}{' '}
            {temporal.address}, namespace {temporal.namespace}
          </Typography>
          {temporal.message && (
            <Typography color="textSecondary">{temporal.message}</Typography>
          )}
          {!temporal.reachable && (
            <Button variant="outlined" onClick={retry}>
              Check again
            </Button>
          )}
        </CardContent>
      </Card>
      <EmptyState
        missing="data"
        title="No workflow runs to show"
        description="Runs of the console's AI workflows will be listed here once workflow types are registered."
      />
    </Box>
  );
};
