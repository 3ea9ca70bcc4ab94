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
import { aiMetricsApiRef } from '../../api';

export const AiMetricsPage = () => {
  const api = useApi(aiMetricsApiRef);
  const {
    value: health,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getHealth(), [api]);

  if (loading) {
    return <Progress aria-label="Loading AI Metrics" />;
  }
  if (error) {
    return (
      <Box p={3}>
        <ResponseErrorPanel
          error={error}
          title="Could not reach the AI Metrics backend"
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
      <Card component="section" aria-labelledby="ai-metrics-database">
        <CardContent>
          <Typography id="ai-metrics-database" variant="h6" component="h2">
            Metrics store
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
        title="No model metrics to show"
        description="Latency, error rate, tokens, cost and accuracy of your models will be charted here once producers send events."
      />
    </Box>
  );
};
