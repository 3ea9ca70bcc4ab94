import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  detail,
  fakeApi,
  fakePermissions,
  fakeSignals,
  mountedRoutes,
  responseError,
  TYPES,
  testApis,
} from '../../__testUtils__/fakes';
import { WorkflowsApi } from '../../api';
import { ExecutionDetailPage } from './ExecutionDetailPage';

const promotion = TYPES[1];
const batch = TYPES[0];

/**
 * Every test uses its own workflow id: the permission hook caches answers by
 * permission and resource for the whole file.
 */
async function renderDetail(options: {
  workflowId: string;
  api: WorkflowsApi;
  signals?: ReturnType<typeof fakeSignals>;
  allow?: (name: string, resourceRef?: string) => boolean;
}) {
  const signals = options.signals ?? fakeSignals();
  await renderInTestApp(
    <ExecutionDetailPage workflowId={options.workflowId} />,
    {
      apis: testApis({
        api: options.api,
        signals: signals.api,
        permissions: fakePermissions(options.allow),
      }),
      mountPath: '/workflows',
      mountedRoutes,
      initialRouteEntries: [`/workflows/executions/${options.workflowId}`],
    },
  );
  return { signals };
}

const noHistory = async () => ({ events: [] });

describe('ExecutionDetailPage', () => {
  it('shows status, who started it, times, and inputs as escaped JSON', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'promo-a',
          type: 'modelPromotion',
          status: 'Completed',
          closeTime: '2026-01-10T11:00:00.000Z',
          startedBy: 'user:default/jane',
          input: { model: '<script>alert("x")</script>', toVersion: 'v2' },
          result: {
            outcome: 'promoted',
            comment: '<img src=x onerror=alert(1)>',
          },
        }),
      getHistory: noHistory,
    });
    await renderDetail({ workflowId: 'promo-a', api });
    expect(
      await screen.findByRole('heading', { name: 'promo-a' }),
    ).toBeInTheDocument();
    const summary = screen.getByRole('region', { name: 'Summary' });
    // the status is a word with an icon beside it, not a colour alone
    const status = within(summary).getByText('Completed');
    expect(status.parentElement!.querySelector('svg')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
    expect(within(summary).getByText('user:default/jane')).toBeInTheDocument();
    expect(within(summary).getByText('modelPromotion')).toBeInTheDocument();

    const input = screen.getByRole('region', { name: 'Input' });
    expect(
      within(input).getByText('"<script>alert(\\"x\\")</script>"'),
    ).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    const result = screen.getByRole('region', { name: 'Result' });
    expect(
      within(result).getByText('"<img src=x onerror=alert(1)>"'),
    ).toBeInTheDocument();
    expect(result.querySelector('img')).toBeNull();
    // no control is known by its icon alone
    for (const button of screen.getAllByRole('button')) {
      expect(button).toHaveAccessibleName();
    }
  });

  it('collapses and expands JSON per top-level key', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'json-a',
          input: { model: 'm', items: ['a', 'b'] },
        }),
      getHistory: noHistory,
    });
    await renderDetail({ workflowId: 'json-a', api });
    const input = await screen.findByRole('region', { name: 'Input' });
    const toggle = within(input).getByRole('button', { name: 'items' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(input).getByText('array, 2 items')).toBeInTheDocument();
    await userEvent.click(
      within(input).getByRole('button', { name: 'Expand all' }),
    );
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  it('hides the actions the reader may not take', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'promo-denied',
          type: 'modelPromotion',
          signals: promotion.signals,
          queries: promotion.queries,
        }),
      getHistory: noHistory,
    });
    await renderDetail({
      workflowId: 'promo-denied',
      api,
      allow: name => name === 'workflows.execution.cancel',
    });
    const actions = await screen.findByRole('region', { name: 'Actions' });
    expect(
      await within(actions).findByRole('button', { name: 'Cancel execution' }),
    ).toBeInTheDocument();
    expect(
      within(actions).queryByRole('button', { name: 'Terminate' }),
    ).toBeNull();
    expect(
      within(actions).queryByRole('button', { name: 'Approve' }),
    ).toBeNull();
    expect(
      within(actions).queryByRole('button', { name: 'Reject' }),
    ).toBeNull();
  });

  it('asks each permission for this execution', async () => {
    const asked: Array<[string, string | undefined]> = [];
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'perm-a' }),
      getHistory: noHistory,
    });
    await renderDetail({
      workflowId: 'perm-a',
      api,
      allow: (name, ref) => {
        asked.push([name, ref]);
        return false;
      },
    });
    const actions = await screen.findByRole('region', { name: 'Actions' });
    expect(
      await within(actions).findByText('You may not change this execution.'),
    ).toBeInTheDocument();
    expect(asked).toEqual(
      expect.arrayContaining([
        ['workflows.execution.cancel', 'perm-a'],
        ['workflows.execution.terminate', 'perm-a'],
        ['workflows.execution.signal', 'perm-a'],
        ['workflows.promotion.approve', 'perm-a'],
      ]),
    );
  });

  it('requires a reason to terminate, sends it, and returns focus', async () => {
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'term-a' }),
      getHistory: noHistory,
      terminateExecution: async () => ({
        workflowId: 'term-a',
        runId: 'run-term-a',
      }),
    });
    await renderDetail({ workflowId: 'term-a', api });
    const terminate = await screen.findByRole('button', { name: 'Terminate' });
    await userEvent.click(terminate);
    const dialog = await screen.findByRole('dialog', {
      name: 'Terminate execution',
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveFocus();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate' }),
    );
    expect(
      within(dialog).getByText('A reason is required.'),
    ).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(api.terminateExecution).not.toHaveBeenCalled();

    await userEvent.type(reason, '   ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate' }),
    );
    expect(api.terminateExecution).not.toHaveBeenCalled();

    await userEvent.clear(reason);
    await userEvent.type(reason, 'stuck on a dead model');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate' }),
    );
    expect(api.terminateExecution).toHaveBeenCalledWith({
      workflowId: 'term-a',
      reason: 'stuck on a dead model',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(terminate).toHaveFocus());
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(
      'Execution terminated.',
    );
  });

  it('keeps focus on the page when the action closes the execution and its button goes', async () => {
    const api = fakeApi({
      getExecution: jest
        .fn()
        .mockResolvedValueOnce(detail({ workflowId: 'term-b' }))
        .mockResolvedValue(
          detail({
            workflowId: 'term-b',
            status: 'Terminated',
            closeTime: '2026-01-10T11:00:00.000Z',
          }),
        ),
      getHistory: noHistory,
      terminateExecution: async () => ({
        workflowId: 'term-b',
        runId: 'run-term-b',
      }),
    });
    await renderDetail({ workflowId: 'term-b', api });
    const terminate = await screen.findByRole('button', { name: 'Terminate' });
    terminate.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Terminate execution',
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveFocus();
    await userEvent.type(reason, 'done with it');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate' }),
    );
    const note = await screen.findByText(
      'This execution has closed; it takes no more actions.',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(terminate).not.toBeInTheDocument();
    // not lost to the page's body: on the note that took the button's place
    await waitFor(() => expect(note).toHaveFocus());
  });

  it('keeps the dialog open with the server answer when an action fails', async () => {
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'cancel-a' }),
      getHistory: noHistory,
      cancelExecution: async () => {
        throw await responseError(409, 'already closing');
      },
    });
    await renderDetail({ workflowId: 'cancel-a', api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel execution' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Cancel execution',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel execution' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'already closing',
    );
    expect(api.cancelExecution).toHaveBeenCalledWith({
      workflowId: 'cancel-a',
      reason: undefined,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('approves a promotion with an optional comment', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'promo-b',
          type: 'modelPromotion',
          signals: promotion.signals,
          queries: promotion.queries,
        }),
      getHistory: noHistory,
      signalExecution: async () => ({
        workflowId: 'promo-b',
        runId: 'run-promo-b',
      }),
    });
    await renderDetail({ workflowId: 'promo-b', api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Approve' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment (optional)' }),
      'metrics look good',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(api.signalExecution).toHaveBeenCalledWith({
      workflowId: 'promo-b',
      name: 'approve',
      payload: { comment: 'metrics look good' },
    });
  });

  it('describes its execution again when a push says executions changed, and announces the new status politely', async () => {
    const api = fakeApi({
      getExecution: jest
        .fn()
        .mockResolvedValueOnce(detail({ workflowId: 'live-a' }))
        .mockResolvedValueOnce(
          detail({
            workflowId: 'live-a',
            status: 'Failed',
            closeTime: '2026-01-10T11:00:00.000Z',
            failure: {
              message: 'model adapter timed out',
              type: 'ApplicationFailure',
            },
          }),
        ),
      getHistory: noHistory,
    });
    const { signals } = await renderDetail({ workflowId: 'live-a', api });
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Running')).toBeInTheDocument();
    const live = document.querySelector('[aria-live="polite"][role="status"]')!;
    expect(live).toHaveTextContent('');

    // the push names no execution: a burst of them, one describe
    signals.push();
    signals.push();
    signals.push();

    expect(await within(summary).findByText('Failed')).toBeInTheDocument();
    expect(
      within(summary).getByText('ApplicationFailure: model adapter timed out'),
    ).toBeInTheDocument();
    expect(live).toHaveTextContent('Execution live-a is now Failed.');
    expect(api.getExecution).toHaveBeenCalledTimes(2);
    expect(
      screen.getByText('This execution has closed; it takes no more actions.'),
    ).toBeInTheDocument();
  });

  it('shows the progress of a running batch with a labelled progress bar', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({ workflowId: 'batch-a', queries: batch.queries }),
      getHistory: noHistory,
      queryExecution: async () => ({
        result: { total: 40, done: 10, failed: 1, results: [] },
      }),
    });
    await renderDetail({ workflowId: 'batch-a', api });
    const bar = await screen.findByRole('progressbar', {
      name: 'Progress: 10 of 40 items done',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(
      screen.getByText(/10 of 40 items done \(25%\), 1 failed/),
    ).toBeInTheDocument();
    expect(api.queryExecution).toHaveBeenCalledWith({
      workflowId: 'batch-a',
      name: 'progress',
    });
  });

  it('runs a declared query and shows its answer', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'promo-c',
          type: 'modelPromotion',
          queries: promotion.queries,
        }),
      getHistory: noHistory,
      queryExecution: async () => ({
        result: { stage: 'awaiting-decision', model: 'm', toVersion: 'v2' },
      }),
    });
    await renderDetail({ workflowId: 'promo-c', api, allow: () => false });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run query State' }),
    );
    expect(await screen.findByText('"awaiting-decision"')).toBeInTheDocument();
    expect(api.queryExecution).toHaveBeenCalledWith({
      workflowId: 'promo-c',
      name: 'state',
    });
  });

  it('shows pending activities with attempt, last failure and heartbeat', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({
          workflowId: 'pending-a',
          pendingActivities: [
            {
              activityId: '5',
              activityType: 'classifyChunk',
              state: 'started',
              attempt: 3,
              lastFailure: 'connection reset',
              lastHeartbeatTime: '2026-01-10T10:05:00.000Z',
              heartbeatDetails: { done: 4 },
            },
          ],
        }),
      getHistory: noHistory,
    });
    await renderDetail({ workflowId: 'pending-a', api });
    const table = await screen.findByRole('table', {
      name: 'Pending activities',
    });
    const row = within(table)
      .getByRole('rowheader', { name: /classifyChunk/ })
      .closest('tr')!;
    expect(within(row).getByText('3')).toBeInTheDocument();
    expect(within(row).getByText('connection reset')).toBeInTheDocument();
    expect(within(row).getByText(/"done": 4/)).toBeInTheDocument();
  });

  it('pages through the event history', async () => {
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'hist-a' }),
      getHistory: jest
        .fn()
        .mockResolvedValueOnce({
          events: [
            {
              eventId: '1',
              eventType: 'WorkflowExecutionStarted',
              eventTime: '2026-01-10T10:00:00.000Z',
              attributes: { input: ['<b>not bold</b>'] },
            },
          ],
          nextPageToken: 'h2',
        })
        .mockResolvedValueOnce({
          events: [
            {
              eventId: '2',
              eventType: 'WorkflowTaskScheduled',
              attributes: {},
            },
          ],
        }),
    });
    await renderDetail({ workflowId: 'hist-a', api });
    const history = await screen.findByRole('list', { name: 'Event history' });
    expect(
      within(history).getByText('Workflow execution started'),
    ).toBeInTheDocument();
    const details = within(history).getByRole('button', {
      name: 'Details of event 1',
    });
    await userEvent.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');
    expect(within(history).getByText(/<b>not bold<\/b>/)).toBeInTheDocument();
    expect(history.querySelector('b')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Load more events' }),
    );
    expect(
      await screen.findByText('Workflow task scheduled'),
    ).toBeInTheDocument();
    expect(api.getHistory).toHaveBeenLastCalledWith({
      workflowId: 'hist-a',
      runId: 'run-hist-a',
      pageSize: 100,
      pageToken: 'h2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more events' }),
    ).toBeNull();
  });

  it('keeps the page when only the history fails, with a retry', async () => {
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'hist-b' }),
      getHistory: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'history unavailable'))
        .mockResolvedValueOnce({
          events: [
            {
              eventId: '1',
              eventType: 'WorkflowExecutionStarted',
              attributes: {},
            },
          ],
        }),
    });
    await renderDetail({ workflowId: 'hist-b', api });
    const region = await screen.findByRole('region', { name: 'Event history' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the event history');
    expect(alert).toHaveTextContent('Temporal is unavailable');
    // the one alert on the page is the history's own
    expect(screen.getAllByRole('alert')).toEqual([alert]);
    // the rest of the page is there and works
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Running')).toBeInTheDocument();
    const actions = screen.getByRole('region', { name: 'Actions' });
    expect(
      await within(actions).findByRole('button', { name: 'Terminate' }),
    ).toBeEnabled();
    expect(
      within(
        screen.getByRole('region', { name: 'Pending activities' }),
      ).getByText('No pending activities.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Input' })).toHaveTextContent(
      'local-nb',
    );

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await within(region).findByText('Workflow execution started'),
    ).toBeInTheDocument();
    expect(within(region).queryByRole('alert')).toBeNull();
    expect(api.getHistory).toHaveBeenCalledTimes(2);
    expect(api.getExecution).toHaveBeenCalledTimes(1);
  });

  it('keeps the page when only the progress query fails, with a retry', async () => {
    const api = fakeApi({
      getExecution: async () =>
        detail({ workflowId: 'batch-b', queries: batch.queries }),
      getHistory: async () => ({
        events: [
          {
            eventId: '1',
            eventType: 'WorkflowExecutionStarted',
            attributes: {},
          },
        ],
      }),
      queryExecution: jest
        .fn()
        .mockRejectedValueOnce(await responseError(500, 'query timed out'))
        .mockResolvedValue({ result: { total: 8, done: 2 } }),
    });
    await renderDetail({ workflowId: 'batch-b', api });
    const region = await screen.findByRole('region', { name: 'Progress' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the progress');
    expect(alert).toHaveTextContent('query timed out');
    expect(
      await screen.findByText('Workflow execution started'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Summary' })).getByText(
        'Running',
      ),
    ).toBeInTheDocument();

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await within(region).findByRole('progressbar', {
        name: 'Progress: 2 of 8 items done',
      }),
    ).toBeInTheDocument();
    expect(within(region).queryByRole('alert')).toBeNull();
  });

  it('contains a widget that breaks on an odd answer, and mounts it again on Retry', async () => {
    // React reports the error it caught; that is expected here
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
    const api = fakeApi({
      getExecution: async () => detail({ workflowId: 'hist-c' }),
      getHistory: jest
        .fn()
        // no events array: the widget throws while it renders
        .mockResolvedValueOnce({ events: null })
        .mockResolvedValueOnce({
          events: [
            {
              eventId: '1',
              eventType: 'WorkflowExecutionStarted',
              attributes: {},
            },
          ],
        }),
    });
    await renderDetail({ workflowId: 'hist-c', api });
    const region = await screen.findByRole('region', { name: 'Event history' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Could not show event history');
    expect(
      within(screen.getByRole('region', { name: 'Summary' })).getByText(
        'Running',
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await within(region).findByText('Workflow execution started'),
    ).toBeInTheDocument();
    quiet.mockRestore();
  });

  it('says when the execution does not exist', async () => {
    const api = fakeApi({
      getExecution: async () => {
        throw await responseError(404, 'workflow execution not found');
      },
    });
    await renderDetail({ workflowId: 'missing', api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load an execution with ID missing',
    );
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(
      screen.getByRole('link', { name: 'All executions' }),
    ).toHaveAttribute('href', '/workflows');
  });
});
