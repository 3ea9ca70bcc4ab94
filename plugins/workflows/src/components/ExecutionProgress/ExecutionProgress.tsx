import { useApi } from '@backstage/frontend-plugin-api';
import { Box, LinearProgress, Typography } from '@material-ui/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { workflowsApiRef } from '../../api';
import { JsonView } from '../JsonView';
import { LoadError } from '../LoadError';

/** Progress of batchInference ({ done, failed }) or modelEvaluation ({ done, correct }). */
type Progress = {
  total: number;
  done: number;
  failed?: number;
  correct?: number;
};

function asProgress(value: unknown): Progress | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.total !== 'number' || typeof v.done !== 'number') {
    return undefined;
  }
  return {
    total: v.total,
    done: v.done,
    failed: typeof v.failed === 'number' ? v.failed : undefined,
    correct: typeof v.correct === 'number' ? v.correct : undefined,
  };
}

/** How often the progress query runs while the execution runs. */
export const PROGRESS_POLL_MS = 5000;

/**
 * Runs the execution's `progress` query while it runs and shows done/total as
 * a labelled progress bar. Item-level progress is not pushed as a signal, so
 * the query runs again on each state change and every few seconds.
 */
export function ExecutionProgress(props: {
  workflowId: string;
  /** Changes when the execution changes; the query runs again. */
  refreshKey: string;
  pollMs?: number;
}) {
  const { workflowId, refreshKey, pollMs = PROGRESS_POLL_MS } = props;
  const api = useApi(workflowsApiRef);
  const [value, setValue] = useState<unknown>();
  const [error, setError] = useState<Error>();
  const [loaded, setLoaded] = useState(false);
  const busy = useRef(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const { result } = await api.queryExecution({
        workflowId,
        name: 'progress',
      });
      if (!alive.current) return;
      setValue(result);
      setError(undefined);
    } catch (e) {
      if (alive.current) setError(e as Error);
    } finally {
      busy.current = false;
      if (alive.current) setLoaded(true);
    }
  }, [api, workflowId]);

  useEffect(() => {
    void run();
  }, [run, refreshKey]);

  useEffect(() => {
    const timer = setInterval(() => void run(), pollMs);
    return () => clearInterval(timer);
  }, [run, pollMs]);

  if (!loaded) return <LinearProgress aria-label="Loading progress" />;
  if (error && value === undefined) {
    return <LoadError what="the progress" error={error} onRetry={run} />;
  }
  const progress = asProgress(value);
  if (!progress) return <JsonView value={value} label="Progress" />;

  const percent =
    progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={`Progress: ${progress.done} of ${progress.total} items done`}
      />
      <Typography variant="body2">
        {progress.done.toLocaleString()} of {progress.total.toLocaleString()}{' '}
        items done ({percent}%)
        {progress.failed !== undefined && `, ${progress.failed} failed`}
        {progress.correct !== undefined && `, ${progress.correct} correct`}
      </Typography>
      {error && (
        <Typography variant="body2" color="error">
          The latest progress could not be read; showing the last known.
        </Typography>
      )}
    </Box>
  );
}
