import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  isDecisionSignal,
  workflowApprovePermission,
  workflowCancelPermission,
  WorkflowExecutionDetail,
  workflowSignalPermission,
  workflowTerminatePermission,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import { ConfirmDialog } from '@ai-ops-console/console-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Box, Button, Typography } from '@material-ui/core';
import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { workflowsApiRef } from '../../api';
import { describeError } from '../LoadError';
import { SignalFormDialog } from './SignalFormDialog';

type Signal = WorkflowTypeInfo['signals'][number];

type Pending =
  | { kind: 'cancel' }
  | { kind: 'terminate' }
  | { kind: 'signal'; signal: Signal };

/** How a signal's payload is asked for. */
function payloadKind(signal: Signal): 'none' | 'comment' | 'form' {
  const properties = signal.payloadSchema?.properties as
    | Record<string, unknown>
    | undefined;
  const keys = Object.keys(properties ?? {});
  if (keys.length === 0) return 'none';
  const required =
    (signal.payloadSchema?.required as string[] | undefined) ?? [];
  if (keys.length === 1 && keys[0] === 'comment' && !required.length) {
    return 'comment';
  }
  return 'form';
}

const DESTRUCTIVE_SIGNALS = new Set(['reject']);

const sameRef = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Which of the declared signals the reader may send, and why the decisions
 * (approve, reject) are not among them when they are not: they need the
 * approve permission and someone other than the starter (the server refuses
 * the same; this only spares the reader a 403).
 */
function sendableSignals(options: {
  detail: WorkflowExecutionDetail;
  reader?: string;
  maySignal: boolean;
  mayApprove: boolean;
}): { signals: Signal[]; decisionNote?: string } {
  const { detail, reader, maySignal, mayApprove } = options;
  const decisions = detail.signals.filter(s => isDecisionSignal(s.name));
  const others = detail.signals.filter(s => !isDecisionSignal(s.name));
  const started =
    reader !== undefined &&
    detail.startedBy !== undefined &&
    sameRef(reader, detail.startedBy);
  const mayDecide = mayApprove && !started;
  let decisionNote: string | undefined;
  if (decisions.length > 0 && !mayDecide) {
    decisionNote = started
      ? 'You started this execution, so someone else must approve or reject it.'
      : `Approving or rejecting needs the ${workflowApprovePermission.name} permission, which you do not have.`;
  }
  return {
    signals: [...(mayDecide ? decisions : []), ...(maySignal ? others : [])],
    decisionNote,
  };
}

/**
 * Cancel, Terminate (with a required reason) and the type's declared signals
 * (Approve / Reject with an optional comment for a promotion), each behind a
 * confirmation. Actions the reader may not take are not shown, and a
 * decision they may not take says why; the server checks again anyway.
 */
export function ExecutionActions(props: {
  detail: WorkflowExecutionDetail;
  /** Called after an action succeeded, with words for the live region. */
  onDone(message: string): void;
}) {
  const { detail, onDone } = props;
  const api = useApi(workflowsApiRef);
  const workflowId = detail.workflowId;
  const cancel = usePermission({
    permission: workflowCancelPermission,
    resourceRef: workflowId,
  });
  const terminate = usePermission({
    permission: workflowTerminatePermission,
    resourceRef: workflowId,
  });
  const signal = usePermission({
    permission: workflowSignalPermission,
    resourceRef: workflowId,
  });
  const approve = usePermission({
    permission: workflowApprovePermission,
    resourceRef: workflowId,
  });
  const identityApi = useApi(identityApiRef);
  const reader = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [pending, setPending] = useState<Pending>();
  const [open, setOpen] = useState(false);
  const closedNote = useRef<HTMLElement>(null);
  const running = detail.status === 'Running';
  const wasRunning = useRef(running);

  // When an action closes the execution its button goes away; keep the
  // keyboard user's place instead of dropping focus to the page.
  useEffect(() => {
    const lostFocus =
      !document.activeElement || document.activeElement === document.body;
    if (wasRunning.current && !running && lostFocus) {
      closedNote.current?.focus();
    }
    wasRunning.current = running;
  }, [running]);

  if (!running) {
    return (
      <Typography color="textSecondary" tabIndex={-1} ref={closedNote}>
        This execution has closed; it takes no more actions.
      </Typography>
    );
  }
  if (
    cancel.loading ||
    terminate.loading ||
    signal.loading ||
    approve.loading ||
    reader.loading
  ) {
    return (
      <Typography color="textSecondary" aria-busy>
        Checking what you may do…
      </Typography>
    );
  }
  const { signals, decisionNote } = sendableSignals({
    detail,
    reader: reader.value,
    maySignal: signal.allowed,
    mayApprove: approve.allowed,
  });
  const note = decisionNote && (
    <Typography color="textSecondary">{decisionNote}</Typography>
  );
  if (!cancel.allowed && !terminate.allowed && signals.length === 0) {
    return (
      <>
        <Typography color="textSecondary">
          You may not change this execution.
        </Typography>
        {note}
      </>
    );
  }

  const ask = (next: Pending) => {
    setPending(next);
    setOpen(true);
  };
  const close = () => setOpen(false);

  let dialog = null;
  if (pending?.kind === 'cancel') {
    dialog = (
      <ConfirmDialog
        open={open}
        title="Cancel execution"
        description={`Ask ${workflowId} to cancel. The workflow may clean up before it stops.`}
        confirmLabel="Cancel execution"
        reason={{ label: 'Reason (optional)' }}
        cancelLabel="Back"
        renderError={describeError}
        onConfirm={async reason => {
          await api.cancelExecution({ workflowId, reason });
          onDone('Cancellation requested.');
        }}
        onClose={close}
      />
    );
  } else if (pending?.kind === 'terminate') {
    dialog = (
      <ConfirmDialog
        open={open}
        title="Terminate execution"
        description={`Stop ${workflowId} at once. It runs no cleanup; the reason is recorded with your name.`}
        confirmLabel="Terminate"
        destructive
        reason={{ label: 'Reason', required: true }}
        cancelLabel="Back"
        renderError={describeError}
        onConfirm={async reason => {
          await api.terminateExecution({ workflowId, reason });
          onDone('Execution terminated.');
        }}
        onClose={close}
      />
    );
  } else if (pending?.kind === 'signal') {
    const { signal: s } = pending;
    const send = async (payload?: Record<string, unknown>) => {
      await api.signalExecution({ workflowId, name: s.name, payload });
      onDone(`${s.title} sent.`);
    };
    const kind = payloadKind(s);
    dialog =
      kind === 'form' ? (
        <SignalFormDialog
          open={open}
          title={s.title}
          schema={s.payloadSchema!}
          onConfirm={send}
          onClose={close}
        />
      ) : (
        <ConfirmDialog
          open={open}
          title={s.title}
          description={`Send "${s.title}" to ${workflowId}. Your name is recorded with it.`}
          confirmLabel={s.title}
          destructive={DESTRUCTIVE_SIGNALS.has(s.name)}
          reason={
            kind === 'comment' ? { label: 'Comment (optional)' } : undefined
          }
          cancelLabel="Back"
          renderError={describeError}
          onConfirm={reason =>
            kind === 'none' ? send() : send(reason ? { comment: reason } : {})
          }
          onClose={close}
        />
      );
  }

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
      {signals.map(s => (
        <Button
          key={s.name}
          variant="contained"
          color={DESTRUCTIVE_SIGNALS.has(s.name) ? 'default' : 'primary'}
          onClick={() => ask({ kind: 'signal', signal: s })}
        >
          {s.title}
        </Button>
      ))}
      {cancel.allowed && (
        <Button variant="outlined" onClick={() => ask({ kind: 'cancel' })}>
          Cancel execution
        </Button>
      )}
      {terminate.allowed && (
        <Button variant="outlined" onClick={() => ask({ kind: 'terminate' })}>
          Terminate
        </Button>
      )}
      {dialog}
      {note && <Box flexBasis="100%">{note}</Box>}
    </Box>
  );
}
