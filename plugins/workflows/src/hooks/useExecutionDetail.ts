import { useApi } from '@backstage/frontend-plugin-api';
import { WorkflowExecutionDetail } from '@ai-ops-console/backstage-plugin-workflows-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { workflowsApiRef } from '../api';
import { STATUS_LABELS } from '../statusLabels';
import { useWorkflowChanges } from './useWorkflowChanges';

export type ExecutionDetailState = {
  detail?: WorkflowExecutionDetail;
  /** The last load failed; with a detail, only the refresh did. */
  error?: Error;
  loading: boolean;
  /** The latest status change, worded for a polite live region. */
  announcement: string;
  /** Whether pushed updates are available. */
  live: boolean;
  retry(): void;
  /** Fetches the execution again, e.g. after an action. */
  refresh(): void;
  announce(message: string): void;
};

/**
 * One execution, described again when a push says that executions changed
 * (at most once a second, see useWorkflowChanges). One request runs at a
 * time; changes during it ask for one more, so answers never arrive out of
 * order.
 */
export function useExecutionDetail(workflowId: string): ExecutionDetailState {
  const api = useApi(workflowsApiRef);
  const [detail, setDetail] = useState<WorkflowExecutionDetail>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const inFlight = useRef<{ again: boolean }>();
  const alive = useRef(true);
  const lastStatus = useRef<string>();

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fetchDetail = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      inFlight.current.again = true;
      return;
    }
    const mine = { again: false };
    inFlight.current = mine;
    try {
      const next = await api.getExecution({ workflowId });
      if (!alive.current) return;
      setDetail(next);
      setError(undefined);
      if (lastStatus.current && lastStatus.current !== next.status) {
        setAnnouncement(
          `Execution ${next.workflowId} is now ${STATUS_LABELS[next.status]}.`,
        );
      }
      lastStatus.current = next.status;
    } catch (e) {
      if (alive.current) setError(e as Error);
    } finally {
      inFlight.current = undefined;
      if (alive.current) setLoading(false);
      if (mine.again && alive.current) await fetchDetail();
    }
  }, [api, workflowId]);

  useEffect(() => {
    void fetchDetail();
  }, [fetchDetail]);

  // the push names no execution: any change may be this one's
  const { live } = useWorkflowChanges(
    useCallback(() => void fetchDetail(), [fetchDetail]),
  );

  const retry = useCallback(() => {
    setLoading(true);
    void fetchDetail();
  }, [fetchDetail]);

  const refresh = useCallback(() => void fetchDetail(), [fetchDetail]);

  return {
    detail,
    error,
    loading,
    announcement,
    live,
    retry,
    refresh,
    announce: setAnnouncement,
  };
}
