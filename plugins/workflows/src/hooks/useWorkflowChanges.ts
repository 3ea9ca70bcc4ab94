import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  WORKFLOWS_SIGNAL_CHANNEL,
  WorkflowsChangedMessage,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';
import { createRefreshScheduler } from './refreshScheduler';

/**
 * Calls `onChange` when executions changed, as the workflows signal channel
 * says: after a burst of pushes has settled and at most once a second (see
 * refreshScheduler). The push names no execution (anyone signed in gets it),
 * so `onChange` fetches again what the page shows, through the API.
 *
 * @returns whether live updates are available (the signals plugin is installed)
 */
export function useWorkflowChanges(onChange: () => void): { live: boolean } {
  const signalApi = useApiHolder().get(signalApiRef);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!signalApi) return undefined;
    const scheduler = createRefreshScheduler({
      refresh: () => latest.current(),
    });
    const subscription = signalApi.subscribe<WorkflowsChangedMessage>(
      WORKFLOWS_SIGNAL_CHANNEL,
      () => scheduler.ping(),
    );
    return () => {
      subscription.unsubscribe();
      scheduler.dispose();
    };
  }, [signalApi]);

  return { live: Boolean(signalApi) };
}
