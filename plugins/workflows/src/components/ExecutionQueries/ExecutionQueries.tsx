import { useApi } from '@backstage/frontend-plugin-api';
import { WorkflowTypeInfo } from '@ai-ops-console/backstage-plugin-workflows-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { workflowsApiRef } from '../../api';
import { JsonView } from '../JsonView';
import { describeError } from '../LoadError';

type Outcome = {
  loading: boolean;
  result?: unknown;
  error?: Error;
  ran: boolean;
};

/** The queries the type declares, each with a Run button and its last answer. */
export function ExecutionQueries(props: {
  workflowId: string;
  queries: WorkflowTypeInfo['queries'];
}) {
  const { workflowId, queries } = props;
  const api = useApi(workflowsApiRef);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});

  if (queries.length === 0) {
    return (
      <Typography color="textSecondary">
        This type declares no queries.
      </Typography>
    );
  }

  const run = async (name: string) => {
    setOutcomes(o => ({
      ...o,
      [name]: { ...o[name], loading: true, ran: true },
    }));
    try {
      const { result } = await api.queryExecution({ workflowId, name });
      setOutcomes(o => ({
        ...o,
        [name]: { loading: false, result, ran: true },
      }));
    } catch (error) {
      setOutcomes(o => ({
        ...o,
        [name]: { loading: false, error: error as Error, ran: true },
      }));
    }
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      {queries.map(query => {
        const outcome = outcomes[query.name];
        return (
          <Box key={query.name}>
            <Box display="flex" alignItems="center" gridGap={8}>
              <Typography variant="subtitle2" component="h4">
                {query.title}
              </Typography>
              <Button
                size="small"
                variant="outlined"
                onClick={() => run(query.name)}
                disabled={outcome?.loading}
                aria-label={`Run query ${query.title}`}
              >
                {outcome?.loading ? 'Running…' : 'Run'}
              </Button>
            </Box>
            <Box aria-live="polite">
              {outcome?.error && (
                <Typography color="error" variant="body2">
                  {describeError(outcome.error)}
                </Typography>
              )}
              {outcome?.ran && !outcome.loading && !outcome.error && (
                <JsonView
                  value={outcome.result}
                  label={`${query.title} result`}
                />
              )}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
