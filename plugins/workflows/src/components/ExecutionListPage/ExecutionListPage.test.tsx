import { coreApis } from '@backstage/frontend-plugin-api';
import {
  permissionsAnswered,
  renderInTestApp,
} from '@ai-ops-console/console-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeApi,
  fakePermissions,
  fakeSignals,
  giveElementsASize,
  mountedRoutes,
  responseError,
  summary,
  testApis,
} from '../../__testUtils__/fakes';
import { WorkflowsApi } from '../../api';
import { ExecutionListPage } from './ExecutionListPage';

const ROWS = [
  summary({
    workflowId: 'batch-1',
    type: 'batchInference',
    status: 'Running',
    startTime: '2026-01-10T12:00:00.000Z',
    startedBy: 'user:default/jane',
  }),
  summary({
    workflowId: 'promo-1',
    type: 'modelPromotion',
    status: 'Completed',
    startTime: '2026-01-10T11:00:00.000Z',
    closeTime: '2026-01-10T11:30:00.000Z',
    startedBy: 'user:default/amir',
  }),
  summary({
    workflowId: 'eval-1',
    type: 'modelEvaluation',
    status: 'Failed',
    startTime: '2026-01-10T10:00:00.000Z',
    closeTime: '2026-01-10T10:05:00.000Z',
    startedBy: 'user:default/bo',
  }),
];

function listApi(impl: Partial<WorkflowsApi> = {}) {
  return fakeApi({
    listExecutions: async () => ({ items: ROWS }),
    countExecutions: async () => ({
      total: 3,
      byStatus: { Running: 1, Completed: 1, Failed: 1 },
    }),
    ...impl,
  });
}

async function renderList(
  options: {
    api?: WorkflowsApi;
    signals?: ReturnType<typeof fakeSignals>;
    url?: string;
  } = {},
) {
  const api = options.api ?? listApi();
  const signals = options.signals ?? fakeSignals();
  const result = await renderInTestApp(<ExecutionListPage />, {
    apis: testApis({ api, signals: signals.api }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: [options.url ?? '/workflows'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { ...result, api, signals, location };
}

/** The data rows of the table, in order, by their workflow id. */
function rowIds() {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getByRole('rowheader').textContent);
}

const searchOf = (search: string) =>
  Object.fromEntries(new URLSearchParams(search));

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

describe('ExecutionListPage', () => {
  it('shows the loaded executions with their status in words and links to each', async () => {
    await renderList();
    expect(
      await screen.findByRole('rowheader', { name: 'batch-1' }),
    ).toBeInTheDocument();
    expect(rowIds()).toEqual(['batch-1', 'promo-1', 'eval-1']);
    const row = screen
      .getByRole('rowheader', { name: 'promo-1' })
      .closest('tr')!;
    // the status is a word with an icon beside it, not a colour alone
    const status = within(row).getByText('Completed');
    const chip = status.parentElement!;
    expect(chip.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    expect(within(row).getByText('modelPromotion')).toBeInTheDocument();
    expect(within(row).getByText('user:default/amir')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'promo-1' })).toHaveAttribute(
      'href',
      '/workflows/executions/promo-1',
    );
    expect(screen.getByText(/3 executions loaded/)).toBeInTheDocument();

    // a named table that says how many rows it has and where each one is
    const table = screen.getByRole('table', { name: 'Workflow executions' });
    expect(table).toHaveAttribute('aria-rowcount', '4');
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.getAttribute('aria-rowindex')),
    ).toEqual(['1', '2', '3', '4']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Workflow ID',
      'Type',
      'Status',
      'Started',
      'Closed',
      'Started by',
    ]);
    // its scroller is reachable by keyboard, and named
    expect(
      screen.getByRole('region', { name: 'Workflow executions' }),
    ).toHaveAttribute('tabindex', '0');
    // no control is known by its icon alone
    for (const button of screen.getAllByRole('button')) {
      expect(button).toHaveAccessibleName();
    }
  });

  it('shows counts by status as buttons that filter through the URL', async () => {
    const { location, api } = await renderList();
    const running = await screen.findByRole('button', { name: 'Running 1' });
    expect(screen.getByRole('button', { name: 'All 3' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByRole('button', { name: 'Timed out 0' }),
    ).toBeInTheDocument();
    await userEvent.click(running);
    expect(searchOf(location().search)).toEqual({ status: 'Running' });
    await waitFor(() =>
      expect(api.listExecutions).toHaveBeenLastCalledWith({
        filter: { status: ['Running'] },
        pageSize: 200,
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Running 1' }),
    ).toHaveAttribute('aria-pressed', 'true');
    // the counts stay per status while one status is chosen
    expect(api.countExecutions).toHaveBeenLastCalledWith({ filter: {} });
  });

  it('reads the filter from the URL and writes the text filters on Apply', async () => {
    const { location, api } = await renderList({
      url: '/workflows?type=batchInference&status=Running,Failed',
    });
    await screen.findByRole('rowheader', { name: 'batch-1' });
    expect(api.listExecutions).toHaveBeenCalledWith({
      filter: { type: ['batchInference'], status: ['Running', 'Failed'] },
      pageSize: 200,
    });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Workflow ID starts with' }),
      'batch-',
    );
    const startedBy = screen.getByRole('textbox', { name: 'Started by' });
    await userEvent.type(startedBy, 'user:default/jane');
    const apply = screen.getByRole('button', { name: 'Apply filters' });
    await userEvent.click(apply);
    expect(searchOf(location().search)).toEqual({
      type: 'batchInference',
      status: 'Running,Failed',
      idPrefix: 'batch-',
      startedBy: 'user:default/jane',
    });
    // the form stays as it was, and the button used keeps the focus
    expect(apply).toHaveFocus();
    expect(startedBy).toHaveValue('user:default/jane');
    const clear = screen.getByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear);
    expect(location().search).toBe('');
    expect(clear).toHaveFocus();
    expect(startedBy).toHaveValue('');
    // Enter in a field applies too, and the field keeps the focus
    await userEvent.type(startedBy, 'user:default/bo{Enter}');
    expect(searchOf(location().search)).toEqual({
      startedBy: 'user:default/bo',
    });
    expect(startedBy).toHaveFocus();
  });

  it('sorts the loaded rows by a column, saying so with aria-sort', async () => {
    const { location, api } = await renderList();
    await screen.findByRole('rowheader', { name: 'batch-1' });
    expect(
      screen.getByRole('columnheader', { name: /Started$/ }),
    ).toHaveAttribute('aria-sort', 'descending');
    // only the sorted column says it is sorted
    expect(
      screen
        .getAllByRole('columnheader')
        .filter(h => h.hasAttribute('aria-sort'))
        .map(h => h.textContent),
    ).toEqual(['Started']);
    // each sortable header is a named button in the tab order
    for (const name of ['Type', 'Status', 'Started', 'Closed', 'Started by']) {
      expect(screen.getByRole('button', { name })).toHaveAttribute(
        'tabindex',
        '0',
      );
    }
    await userEvent.click(screen.getByRole('button', { name: 'Type' }));
    expect(screen.getByRole('columnheader', { name: /Type/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(rowIds()).toEqual(['batch-1', 'eval-1', 'promo-1']);
    expect(searchOf(location().search)).toEqual({ sort: 'type', order: 'asc' });
    await userEvent.click(screen.getByRole('button', { name: 'Type' }));
    expect(rowIds()).toEqual(['promo-1', 'eval-1', 'batch-1']);
    await userEvent.click(screen.getByRole('button', { name: 'Status' }));
    expect(rowIds()).toEqual(['promo-1', 'eval-1', 'batch-1']);
    await userEvent.click(screen.getByRole('button', { name: 'Closed' }));
    // newest close first; the running one has none and goes last
    expect(rowIds()).toEqual(['promo-1', 'eval-1', 'batch-1']);
    // sorting is over the loaded rows: nothing is fetched again
    expect(api.listExecutions).toHaveBeenCalledTimes(1);
    expect(api.countExecutions).toHaveBeenCalledTimes(1);
  });

  it('fetches the rows again through the API when a push says executions changed', async () => {
    const completed = {
      ...ROWS[0],
      status: 'Completed' as const,
      closeTime: '2026-01-10T12:30:00.000Z',
    };
    const api = listApi({
      listExecutions: jest
        .fn()
        .mockResolvedValueOnce({ items: ROWS })
        .mockResolvedValue({ items: [completed, ...ROWS.slice(1)] }),
      countExecutions: jest
        .fn()
        .mockResolvedValueOnce({
          total: 3,
          byStatus: { Running: 1, Completed: 1, Failed: 1 },
        })
        .mockResolvedValue({
          total: 3,
          byStatus: { Completed: 2, Failed: 1 },
        }),
    });
    const { signals } = await renderList({ api });
    const row = (
      await screen.findByRole('rowheader', { name: 'batch-1' })
    ).closest('tr')!;
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(signals.subscribers()).toBe(1);

    // a burst of pushes: one fetch of the list, with the counts
    for (let i = 0; i < 5; i++) signals.push();

    expect(await within(row).findByText('Completed')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Completed 2' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Running 0' }),
    ).toBeInTheDocument();
    expect(api.listExecutions).toHaveBeenCalledTimes(2);
    expect(api.listExecutions).toHaveBeenLastCalledWith({
      filter: {},
      pageSize: 200,
    });
    expect(api.countExecutions).toHaveBeenCalledTimes(2);
    expect(api.getExecution).not.toHaveBeenCalled();
  });

  it('adds a newly started execution that the fetch after a push brings, first', async () => {
    const started = summary({
      workflowId: 'new-1',
      startTime: '2026-01-10T13:00:00.000Z',
    });
    const api = listApi({
      listExecutions: jest
        .fn()
        .mockResolvedValueOnce({ items: ROWS })
        .mockResolvedValue({ items: [started, ...ROWS] }),
    });
    const { signals } = await renderList({ api });
    await screen.findByRole('rowheader', { name: 'batch-1' });
    signals.push();
    expect(
      await screen.findByRole('rowheader', { name: 'new-1' }),
    ).toBeInTheDocument();
    expect(rowIds()[0]).toBe('new-1');
    expect(api.listExecutions).toHaveBeenCalledTimes(2);
  });

  it('loads the next page with its token', async () => {
    const api = listApi({
      listExecutions: jest
        .fn()
        .mockResolvedValueOnce({
          items: ROWS.slice(0, 2),
          nextPageToken: 'page-2',
        })
        .mockResolvedValueOnce({ items: ROWS.slice(2) }),
    });
    await renderList({ api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(
      await screen.findByRole('rowheader', { name: 'eval-1' }),
    ).toBeInTheDocument();
    expect(api.listExecutions).toHaveBeenLastCalledWith({
      filter: {},
      pageSize: 200,
      pageToken: 'page-2',
    });
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('renders only the rows in view of a long list', async () => {
    const many = Array.from({ length: 10000 }, (_, i) =>
      summary({
        workflowId: `run-${String(i).padStart(5, '0')}`,
        startTime: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString(),
      }),
    );
    await renderList({
      api: listApi({ listExecutions: async () => ({ items: many }) }),
    });
    expect(
      await screen.findByRole('rowheader', { name: 'run-00000' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/10000 executions loaded/)).toBeInTheDocument();
    const rendered =
      within(screen.getByRole('table')).getAllByRole('row').length - 1;
    expect(rendered).toBeLessThan(60);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '10001');
  });

  it('says when Temporal is unavailable and retries on request', async () => {
    const api = listApi({
      listExecutions: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'connect ECONNREFUSED'))
        .mockResolvedValueOnce({ items: ROWS }),
    });
    await renderList({ api });
    const alert = await screen.findByText('Could not load the execution list');
    expect(alert.closest('[role="alert"]')).toHaveTextContent(
      /Temporal is unavailable/,
    );
    await userEvent.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole(
        'button',
        {
          name: 'Retry',
        },
      ),
    );
    expect(
      await screen.findByRole('rowheader', { name: 'batch-1' }),
    ).toBeInTheDocument();
  });

  it('shows an empty state with a way to clear the filters', async () => {
    const { location } = await renderList({
      api: listApi({ listExecutions: async () => ({ items: [] }) }),
      url: '/workflows?idPrefix=nothing',
    });
    expect(
      await screen.findByText('No workflow executions match'),
    ).toBeInTheDocument();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(clear[clear.length - 1]);
    expect(location().search).toBe('');
  });

  it('offers Start workflow and batch actions to those allowed', async () => {
    await renderList();
    expect(
      await screen.findByRole('link', { name: 'Start workflow' }),
    ).toHaveAttribute('href', '/workflows/start');
    expect(
      screen.getByRole('button', { name: 'Terminate matching…' }),
    ).toBeInTheDocument();
  });

  it('runs a batch terminate only with a reason, over the filter without its status', async () => {
    const api = listApi({
      startBatch: async () => ({ jobId: 'job-1', query: 'q', matched: 4 }),
      getBatch: async () => ({
        jobId: 'job-1',
        state: 'completed',
        total: 4,
        completed: 4,
        failed: 0,
      }),
    });
    await renderList({
      api,
      url: '/workflows?type=batchInference&status=Failed',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Terminate matching…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Terminate matching executions',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate all' }),
    );
    expect(
      within(dialog).getByText('A reason is required.'),
    ).toBeInTheDocument();
    expect(api.startBatch).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'cleanup',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Terminate all' }),
    );
    expect(api.startBatch).toHaveBeenCalledWith({
      action: 'terminate',
      reason: 'cleanup',
      filter: { type: ['batchInference'] },
    });
    expect(
      await screen.findByText(/4 running executions matched/),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Check progress' }),
    );
    expect(
      await screen.findByText(/4 of 4 done, 0 failed/),
    ).toBeInTheDocument();
  });
  it('opens a batch dialog from the keyboard on its reason, and Escape returns focus to the trigger', async () => {
    const api = listApi();
    await renderList({ api });
    const trigger = await screen.findByRole('button', {
      name: 'Cancel matching…',
    });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Cancel matching executions',
    });
    expect(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
    ).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(trigger).toHaveFocus();
    expect(api.startBatch).not.toHaveBeenCalled();

    // and again after a batch ran, when a status line appeared beside it
    await userEvent.keyboard('{Enter}');
    const again = await screen.findByRole('dialog', {
      name: 'Cancel matching executions',
    });
    const reason = within(again).getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveValue('');
    api.startBatch.mockResolvedValueOnce({
      jobId: 'j',
      query: 'q',
      matched: 1,
    });
    await userEvent.type(reason, 'cleanup');
    await userEvent.click(
      within(again).getByRole('button', { name: 'Cancel all' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      await screen.findByText(/1 running execution matched/),
    ).toBeInTheDocument();
    expect(trigger).toHaveFocus();
  });
  it('keeps the table working when only the counts fail, with a retry', async () => {
    const unavailable = await responseError(503, 'counts unavailable');
    const api = listApi({
      // the first load's and the live update's counts fail
      countExecutions: jest
        .fn()
        .mockRejectedValueOnce(unavailable)
        .mockRejectedValueOnce(unavailable)
        .mockResolvedValueOnce({
          total: 3,
          byStatus: { Running: 1, Completed: 1, Failed: 1 },
        }),
      listExecutions: jest
        .fn()
        .mockResolvedValueOnce({ items: ROWS })
        .mockResolvedValue({
          items: [
            {
              ...ROWS[0],
              status: 'Completed',
              closeTime: '2026-01-10T12:30:00.000Z',
            },
            ...ROWS.slice(1),
          ],
        }),
    });
    const { signals, location } = await renderList({ api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the counts by status');
    expect(alert).toHaveTextContent('Temporal is unavailable');
    expect(screen.queryByRole('button', { name: /^All/ })).toBeNull();

    // the rest of the page keeps working: rows, sorting, live updates
    expect(
      await screen.findByRole('rowheader', { name: 'batch-1' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Type' }));
    expect(rowIds()).toEqual(['batch-1', 'eval-1', 'promo-1']);
    expect(searchOf(location().search)).toEqual({ sort: 'type', order: 'asc' });
    signals.push();
    const row = screen
      .getByRole('rowheader', { name: 'batch-1' })
      .closest('tr')!;
    expect(await within(row).findByText('Completed')).toBeInTheDocument();
    await waitFor(() => expect(api.countExecutions).toHaveBeenCalledTimes(2));

    await userEvent.click(
      within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await screen.findByRole('button', { name: 'All 3' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.listExecutions).toHaveBeenCalledTimes(2);
  });

  it('keeps the counts when only the list fails', async () => {
    const api = listApi({
      listExecutions: async () => {
        throw await responseError(500, 'visibility query failed');
      },
    });
    await renderList({ api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the execution list');
    expect(alert).toHaveTextContent('visibility query failed');
    expect(
      await screen.findByRole('button', { name: 'Running 1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Apply filters' }),
    ).toBeInTheDocument();
  });

  it('hides Start workflow and the batch actions from those not allowed', async () => {
    const permissions = fakePermissions(() => false);
    const api = fakeApi({
      listExecutions: async () => ({ items: [summary({ workflowId: 'w1' })] }),
      countExecutions: async () => ({ total: 1, byStatus: { Running: 1 } }),
    });
    await renderInTestApp(<ExecutionListPage />, {
      apis: testApis({ api, permissions }),
      mountPath: '/workflows',
      mountedRoutes,
      initialRouteEntries: ['/workflows'],
    });
    expect(
      await screen.findByRole('rowheader', { name: 'w1' }),
    ).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Running 1' });
    await permissionsAnswered(permissions, [
      'workflows.execution.start',
      'workflows.execution.batch',
    ]);
    expect(screen.queryByRole('link', { name: 'Start workflow' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Cancel matching…' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Terminate matching…' }),
    ).toBeNull();
  });
});
