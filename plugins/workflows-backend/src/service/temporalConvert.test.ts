import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  batchStatusFromRaw,
  countsFromRaw,
  detailFromRaw,
  outcomeFromCloseEvent,
  pendingActivityFromRaw,
} from './temporalConvert';

const payloads = (...values: unknown[]) => ({
  payloads: values.map(v => defaultPayloadConverter.toPayload(v)!),
});
const { enums } = temporal.api;

describe('converting Temporal answers to the API shape', () => {
  it.each([
    [
      'the result of a completed execution',
      { workflowExecutionCompletedEventAttributes: { result: payloads(42) } },
      { result: 42 },
    ],
    [
      "a failure's message and application type",
      {
        workflowExecutionFailedEventAttributes: {
          failure: {
            message: 'no model',
            applicationFailureInfo: { type: 'ModelMissing' },
          },
        },
      },
      { failure: { message: 'no model', type: 'ModelMissing' } },
    ],
    [
      'a failure without words',
      { workflowExecutionFailedEventAttributes: { failure: {} } },
      { failure: { message: 'failed', type: undefined } },
    ],
    [
      'the reason of a termination',
      {
        workflowExecutionTerminatedEventAttributes: {
          reason: 'stuck (by user:default/alice)',
        },
      },
      {
        failure: {
          message: 'stuck (by user:default/alice)',
          type: 'Terminated',
        },
      },
    ],
    [
      'a termination without a reason',
      { workflowExecutionTerminatedEventAttributes: { reason: '' } },
      { failure: { message: 'terminated', type: 'Terminated' } },
    ],
    [
      'a cancellation',
      { workflowExecutionCanceledEventAttributes: {} },
      { failure: { message: 'canceled', type: 'Canceled' } },
    ],
    [
      'a timeout',
      { workflowExecutionTimedOutEventAttributes: {} },
      { failure: { message: 'timed out', type: 'TimedOut' } },
    ],
    ['nothing for a running execution', undefined, {}],
  ])('reads %s from the close event', (_name, event, expected) => {
    expect(outcomeFromCloseEvent(event)).toEqual(expected);
  });

  it('names the state of a pending activity and decodes its heartbeat', () => {
    expect(
      pendingActivityFromRaw({
        activityId: '1',
        activityType: { name: 'evaluateModel' },
        state: enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
        attempt: 3,
        lastFailure: { message: 'model busy' },
        // protobufjs decodes small int64 values to plain numbers
        lastHeartbeatTime: { seconds: 1_790_000_000, nanos: 5_000_000 } as any,
        heartbeatDetails: payloads({ done: 10 }),
      }),
    ).toEqual({
      activityId: '1',
      activityType: 'evaluateModel',
      state: 'started',
      attempt: 3,
      lastFailure: 'model busy',
      lastHeartbeatTime: '2026-09-21T14:13:20.005Z',
      heartbeatDetails: { done: 10 },
    });
    expect(
      pendingActivityFromRaw({
        state: 99 as temporal.api.enums.v1.PendingActivityState,
      }),
    ).toMatchObject({
      activityId: '',
      state: 'unknown',
      attempt: 0,
    });
  });

  it("joins an execution's input, outcome and what its type declares", () => {
    const summary = {
      workflowId: 'w',
      runId: 'r',
      type: 'modelPromotion',
      status: 'Completed' as const,
      startTime: '2026-11-26T10:00:00.000Z',
      taskQueue: 'q',
      historyLength: 5,
    };
    const signals = [{ name: 'approve', title: 'Approve' }];
    const detail = detailFromRaw({
      summary,
      description: { pendingActivities: [{ activityId: 'a' }] },
      startEvent: {
        workflowExecutionStartedEventAttributes: {
          input: payloads({ model: 'm' }),
        },
      },
      closeEvent: {
        workflowExecutionCompletedEventAttributes: { result: payloads('ok') },
      },
      type: { signals },
    });
    expect(detail).toEqual({
      ...summary,
      input: { model: 'm' },
      result: 'ok',
      pendingActivities: [expect.objectContaining({ activityId: 'a' })],
      queries: [],
      signals,
    });
    // a type this backend does not know declares nothing
    expect(
      detailFromRaw({
        summary,
        description: {},
        startEvent: undefined,
        closeEvent: undefined,
        type: undefined,
      }),
    ).toMatchObject({ input: undefined, queries: [], signals: [] });
  });

  it('counts by status, leaving out statuses the API does not name', () => {
    expect(
      countsFromRaw({
        count: 7,
        groups: [
          { count: 4, groupValues: ['Running'] },
          { count: 2, groupValues: ['Failed'] },
          { count: 1, groupValues: ['Paused'] },
        ],
      }),
    ).toEqual({ total: 7, byStatus: { Running: 4, Failed: 2 } });
  });

  it('names the state of a batch operation and counts its operations', () => {
    expect(
      batchStatusFromRaw('job-1', {
        state: enums.v1.BatchOperationState.BATCH_OPERATION_STATE_COMPLETED,
        totalOperationCount: 3,
        completeOperationCount: 2,
        failureOperationCount: 1,
      } as any),
    ).toEqual({
      jobId: 'job-1',
      state: 'completed',
      total: 3,
      completed: 2,
      failed: 1,
    });
    expect(batchStatusFromRaw('job-2', {})).toEqual({
      jobId: 'job-2',
      state: 'unspecified',
      total: 0,
      completed: 0,
      failed: 0,
    });
  });
});
