import {
  WORKFLOWS_SIGNAL_CHANNEL,
  WorkflowsChangedMessage,
  WorkflowExecutionDetail,
  WorkflowExecutionSummary,
  WorkflowTypeInfo,
} from '@ai-ops-console/backstage-plugin-workflows-common';
import {
  fakeApiOf,
  fakePermissions,
} from '@ai-ops-console/console-react/testUtils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { act } from '@testing-library/react';
import { WorkflowsApi, workflowsApiRef } from '../api';
import { rootRouteRef } from '../routes';

export {
  fakePermissions,
  responseError,
} from '@ai-ops-console/console-react/testUtils';

/** The plugin's page at /workflows, for the new frontend system's test app. */
export const mountedRoutes = {
  '/workflows': convertLegacyRouteRef(rootRouteRef),
};

export function summary(
  overrides: Partial<WorkflowExecutionSummary> & { workflowId: string },
): WorkflowExecutionSummary {
  return {
    runId: `run-${overrides.workflowId}`,
    type: 'batchInference',
    status: 'Running',
    startTime: '2026-01-10T10:00:00.000Z',
    startedBy: 'user:default/jane',
    taskQueue: 'ai-console',
    ...overrides,
  };
}

export function detail(
  overrides: Partial<WorkflowExecutionDetail> & { workflowId: string },
): WorkflowExecutionDetail {
  return {
    ...summary(overrides),
    input: { model: 'local-nb' },
    pendingActivities: [],
    queries: [],
    signals: [],
    ...overrides,
  };
}

export const TYPES: WorkflowTypeInfo[] = [
  {
    name: 'batchInference',
    title: 'Batch inference',
    description: 'Classifies many items in chunks.',
    inputSchema: {
      type: 'object',
      required: ['model'],
      properties: { model: { type: 'string', title: 'Model' } },
    },
    signals: [],
    queries: [{ name: 'progress', title: 'Progress' }],
  },
  {
    name: 'modelPromotion',
    title: 'Model promotion',
    description: 'Waits for an approval before promoting a model version.',
    inputSchema: {
      type: 'object',
      required: ['model', 'toVersion'],
      properties: {
        model: { type: 'string', title: 'Model', minLength: 1 },
        toVersion: {
          type: 'string',
          title: 'Version to promote',
          minLength: 1,
        },
      },
    },
    signals: [
      {
        name: 'approve',
        title: 'Approve',
        payloadSchema: {
          type: 'object',
          properties: { comment: { type: 'string', maxLength: 2000 } },
        },
      },
      {
        name: 'reject',
        title: 'Reject',
        payloadSchema: {
          type: 'object',
          properties: { comment: { type: 'string', maxLength: 2000 } },
        },
      },
    ],
    queries: [{ name: 'state', title: 'State' }],
  },
];

const METHODS = [
  'getHealth',
  'listTypes',
  'listExecutions',
  'countExecutions',
  'startExecution',
  'getExecution',
  'getHistory',
  'queryExecution',
  'signalExecution',
  'cancelExecution',
  'terminateExecution',
  'startBatch',
  'getBatch',
] as const;

/** A WorkflowsApi whose every method is a jest mock; unset ones reject. */
export function fakeApi(
  impl: Partial<WorkflowsApi> = {},
): jest.Mocked<WorkflowsApi> {
  return fakeApiOf<WorkflowsApi>(METHODS, impl, {
    getHealth: async () => ({
      status: 'ok',
      temporal: { namespace: 'default', reachable: true },
    }),
    listTypes: async () => TYPES,
  });
}

/** A signal API that tests push messages through. */
export function fakeSignals() {
  const listeners = new Map<
    string,
    Set<(message: WorkflowsChangedMessage) => void>
  >();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = listeners.get(channel) ?? new Set();
      const listener = onMessage as unknown as (
        message: WorkflowsChangedMessage,
      ) => void;
      set.add(listener);
      listeners.set(channel, set);
      return { unsubscribe: () => set.delete(listener) };
    },
  };
  return {
    api,
    subscribers: () => listeners.get(WORKFLOWS_SIGNAL_CHANNEL)?.size ?? 0,
    /** Pushes what the backend pushes: that executions changed, no more. */
    push() {
      act(() => {
        listeners
          .get(WORKFLOWS_SIGNAL_CHANNEL)
          ?.forEach(l => l({ changed: true }));
      });
    },
  };
}

/**
 * Who reads the pages unless a test says otherwise: not the `startedBy` of
 * {@link summary}, so that they may decide what those executions wait for.
 */
export const READER = 'user:default/reviewer';

/** The API pairs every page needs. */
export function testApis(options: {
  api: WorkflowsApi;
  signals?: SignalApi;
  permissions?: PermissionApi;
  /** The signed-in user's entity ref; {@link READER} when absent. */
  userEntityRef?: string;
}) {
  return [
    [workflowsApiRef, options.api],
    [signalApiRef, options.signals ?? fakeSignals().api],
    [permissionApiRef, options.permissions ?? fakePermissions()],
    [
      identityApiRef,
      mockApis.identity({ userEntityRef: options.userEntityRef ?? READER }),
    ],
  ] as const;
}

/** Gives the virtualized table a viewport in jsdom, which has no layout. */
export function giveElementsASize(height = 800, width = 1200) {
  jest.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(height);
  jest.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(width);
}
