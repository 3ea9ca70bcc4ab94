import { WorkflowExecutionSummary } from '@ai-ops-console/backstage-plugin-workflows-common';
import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { act, screen, waitFor, within } from '@testing-library/react';
import {
  fakeApi,
  fakeSignals,
  giveElementsASize,
  mountedRoutes,
  summary,
  testApis,
} from '../../__testUtils__/fakes';
import {
  ANNOUNCE_DELAY_MS,
  ANNOUNCE_INTERVAL_MS,
} from '../../hooks/statusAnnouncer';
import { STATUS_LABELS } from '../../statusLabels';
import { ExecutionListPage } from './ExecutionListPage';

type Status = WorkflowExecutionSummary['status'];

const IDS = ['evaluation-1', 'batch-2', 'promo-3', 'other-4'];

/** Renders the list over executions whose status the test sets. */
async function renderList() {
  const statuses: Record<string, Status> = Object.fromEntries(
    IDS.map(id => [id, 'Running' as Status]),
  );
  const rows = IDS.map((workflowId, i) =>
    summary({
      workflowId,
      startTime: new Date(Date.UTC(2026, 0, 10, 12) - i * 60000).toISOString(),
    }),
  );
  // what the server answers: the rows with their statuses now
  const api = fakeApi({
    listExecutions: async () => ({
      items: rows.map(row => ({ ...row, status: statuses[row.workflowId] })),
    }),
    countExecutions: async () => ({ total: 4, byStatus: { Running: 4 } }),
  });
  const signals = fakeSignals();
  await renderInTestApp(<ExecutionListPage />, {
    apis: testApis({ api, signals: signals.api }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: ['/workflows'],
  });
  await screen.findByRole('rowheader', { name: 'other-4' });
  await screen.findByRole('button', { name: 'Running 4' });

  const region = document.querySelector<HTMLElement>(
    '[role="status"][aria-live="polite"]',
  )!;
  // every non-empty text the region takes, in order
  const said: string[] = [];
  const observer = new MutationObserver(() => {
    if (region.textContent) said.push(region.textContent);
  });
  observer.observe(region, {
    childList: true,
    characterData: true,
    subtree: true,
  });

  const change = (workflowId: string, status: Status) => {
    statuses[workflowId] = status;
    signals.push();
  };
  const statusOf = (workflowId: string) =>
    within(
      screen.getByRole('rowheader', { name: workflowId }).closest('tr')!,
    ).findByText(STATUS_LABELS[statuses[workflowId]]);
  /** Lets time pass, with React's updates and the observer's records in. */
  const wait = async (ms: number) => {
    await act(async () => {
      jest.advanceTimersByTime(ms);
    });
  };
  return { api, region, said, change, statusOf, wait, observer };
}

beforeEach(() => {
  jest.useFakeTimers();
  giveElementsASize();
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('ExecutionListPage announcements', () => {
  it('says status changes of live updates politely, several in one message', async () => {
    const { api, region, said, change, statusOf, wait, observer } =
      await renderList();
    expect(region).toHaveAttribute('aria-live', 'polite');
    // the first load says nothing
    await wait(3 * ANNOUNCE_INTERVAL_MS);
    expect(said).toEqual([]);

    change('evaluation-1', 'Completed');
    change('batch-2', 'Failed');
    change('promo-3', 'Terminated');
    await statusOf('evaluation-1');
    await statusOf('batch-2');
    await statusOf('promo-3');
    // the three pushes came as one burst: one fetch after the first load
    expect(api.listExecutions).toHaveBeenCalledTimes(2);

    await wait(ANNOUNCE_DELAY_MS);
    expect(said).toEqual([
      '3 workflows changed: evaluation-1 completed, batch-2 failed, promo-3 was terminated.',
    ]);
    expect(region).toHaveTextContent(said[0]);

    // a push that changed nothing the list shows: fetched, nothing is said
    change('evaluation-1', 'Completed');
    await waitFor(() => expect(api.listExecutions).toHaveBeenCalledTimes(3));
    await wait(3 * ANNOUNCE_INTERVAL_MS);
    expect(said).toHaveLength(1);
    // and the region was emptied after a while, so nothing stale is read
    expect(region).toHaveTextContent('');
    observer.disconnect();
  });

  it('says at most one message every few seconds', async () => {
    const { said, change, statusOf, wait, observer } = await renderList();

    change('evaluation-1', 'Completed');
    await statusOf('evaluation-1');
    await wait(ANNOUNCE_DELAY_MS);
    expect(said).toEqual(['Workflow evaluation-1 completed.']);

    // changes soon after wait for the interval, then come as one
    change('batch-2', 'Failed');
    await statusOf('batch-2');
    await wait(ANNOUNCE_DELAY_MS);
    change('other-4', 'TimedOut');
    await statusOf('other-4');
    await wait(ANNOUNCE_DELAY_MS);
    expect(said).toHaveLength(1);

    await wait(ANNOUNCE_INTERVAL_MS);
    expect(said).toEqual([
      'Workflow evaluation-1 completed.',
      '2 workflows changed: batch-2 failed, other-4 timed out.',
    ]);
    observer.disconnect();
  });
});
