import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakeSignals,
  giveElementsASize,
  mountedRoutes,
  summary,
  testApis,
} from '../../__testUtils__/fakes';
import { ExecutionListPage } from './ExecutionListPage';

// Render counts, nothing about time (beyond waiting for the update). Each row calls useExecutionRow once per
// render and the list (the table that maps ids to rows) calls
// useSortedExecutionIds once per render, whatever made it render: its parent
// or its own subscription to the store.
const mockRowRenders = new Map<string, number>();
const mockListRenders = { count: 0 };

jest.mock('../../hooks/useExecutionsStore', () => {
  const actual = jest.requireActual('../../hooks/useExecutionsStore');
  return {
    ...actual,
    useExecutionRow: (workflowId: string) => {
      mockRowRenders.set(workflowId, (mockRowRenders.get(workflowId) ?? 0) + 1);
      return actual.useExecutionRow(workflowId);
    },
    useSortedExecutionIds: (sort: unknown) => {
      mockListRenders.count += 1;
      return actual.useSortedExecutionIds(sort);
    },
  };
});

function resetCounts() {
  mockRowRenders.clear();
  mockListRenders.count = 0;
}

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

it('re-renders only the row a live update changed, never the list', async () => {
  const rows = Array.from({ length: 20 }, (_, i) =>
    summary({
      workflowId: `wf-${i}`,
      startTime: new Date(Date.UTC(2026, 0, 10, 12) - i * 60000).toISOString(),
    }),
  );
  // what the server answers: the rows as they are now, counted
  const api = fakeApi({
    listExecutions: async () => ({ items: rows.map(r => ({ ...r })) }),
    countExecutions: async () => {
      const completed = rows.filter(r => r.status === 'Completed').length;
      return {
        total: 20,
        byStatus: { Running: 20 - completed, Completed: completed },
      };
    },
  });
  const signals = fakeSignals();
  await renderInTestApp(<ExecutionListPage />, {
    apis: testApis({ api, signals: signals.api }),
    mountPath: '/workflows',
    mountedRoutes,
    initialRouteEntries: ['/workflows'],
  });
  await screen.findByRole('rowheader', { name: 'wf-19' });
  // the counts are in too, so nothing else is still settling
  await screen.findByRole('button', { name: 'Running 20' });
  // the counting works: every row in view and the list rendered at least once
  expect(mockRowRenders.size).toBe(20);
  expect(mockListRenders.count).toBeGreaterThan(0);

  for (const [pushed, id] of ['wf-7', 'wf-0', 'wf-19'].entries()) {
    resetCounts();

    const changed = rows.findIndex(r => r.workflowId === id);
    rows[changed] = {
      ...rows[changed],
      status: 'Completed',
      closeTime: '2026-01-10T13:00:00.000Z',
    };
    signals.push();

    // live updates come at most once a second
    const wait = { timeout: 3000 };
    const row = screen.getByRole('rowheader', { name: id }).closest('tr')!;
    expect(
      await within(row).findByText('Completed', {}, wait),
    ).toBeInTheDocument();
    // the counts came with the same update, so it has been applied in full
    expect(
      await screen.findByRole(
        'button',
        { name: `Completed ${pushed + 1}` },
        wait,
      ),
    ).toBeInTheDocument();
    // one row, once; no other row and not the list
    expect(Object.fromEntries(mockRowRenders)).toEqual({ [id]: 1 });
    expect(mockListRenders.count).toBe(0);
  }
  // one fetch of the list per update, none of single executions
  expect(api.listExecutions).toHaveBeenCalledTimes(4);
  expect(api.getExecution).not.toHaveBeenCalled();
});
