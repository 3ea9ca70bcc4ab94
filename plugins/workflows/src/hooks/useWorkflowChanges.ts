import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  WORKFLOWS_SIGNAL_CHANNEL,
  WorkflowChangedMessage,
} from '@internal/backstage-plugin-workflows-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` for every execution change pushed on the workflows signal
 * channel. Subscribes through the signal API itself rather than `useSignal`,
 * whose single `lastSignal` state would drop all but the last of several
 * messages that arrive in one render.
 *
 * @returns whether live updates are available (the signals plugin is installed)
 */
export function useWorkflowChanges(
  onChange: (message: WorkflowChangedMessage) => void,
): { live: boolean } {
  const signalApi = useApiHolder().get(signalApiRef);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!signalApi) return undefined;
    const subscription = signalApi.subscribe<WorkflowChangedMessage>(
      WORKFLOWS_SIGNAL_CHANNEL,
      message => latest.current(message),
    );
    return () => subscription.unsubscribe();
  }, [signalApi]);

  return { live: Boolean(signalApi) };
}
