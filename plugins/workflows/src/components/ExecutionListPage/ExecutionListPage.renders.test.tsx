import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  fakeApi,
  fakeSignals,
  giveElementsASize,
  summary,
  testApis,
} from '../../__testUtils__/fakes';
import { rootRouteRef } from '../../routes';
import { ExecutionListPage } from './ExecutionListPage';

// Counts how often each row's cells render, by workflow id.
const mockRenders = new Map<string, number>();
jest.mock('../ExecutionTable/ExecutionRowCells', () => {
  const { createElement } = jest.requireActual('react');
  const actual = jest.requireActual('../ExecutionTable/ExecutionRowCells');
  return {
    ExecutionRowCells: (props: { row: { workflowId: string } }) => {
      const id = props.row.workflowId;
      mockRenders.set(id, (mockRenders.get(id) ?? 0) + 1);
      return createElement(actual.ExecutionRowCells, props);
    },
  };
});

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

it('re-renders only the row a pushed update changed', async () => {
  const rows = Array.from({ length: 20 }, (_, i) =>
    summary({
      workflowId: `wf-${i}`,
      startTime: new Date(Date.UTC(2026, 0, 10, 12) - i * 60000).toISOString(),
    }),
  );
  const api = fakeApi({
    listExecutions: async () => ({ items: rows }),
    countExecutions: async () => ({ total: 20, byStatus: { Running: 20 } }),
    getExecution: async ({ workflowId }) => ({
      ...rows.find(r => r.workflowId === workflowId)!,
      status: 'Completed',
      closeTime: '2026-01-10T13:00:00.000Z',
      pendingActivities: [],
      queries: [],
      signals: [],
    }),
  });
  const signals = fakeSignals();
  await renderInTestApp(<ExecutionListPage />, {
    apis: testApis({ api, signals: signals.api }),
    mountPath: '/workflows',
    mountedRoutes: { '/workflows': rootRouteRef },
    initialRouteEntries: ['/workflows'],
  });
  await screen.findByRole('rowheader', { name: 'wf-19' });
  // the counts are in too, so nothing else is still settling
  await screen.findByRole('button', { name: 'Running 20' });
  mockRenders.clear();

  signals.push({ workflowId: 'wf-7', runId: 'run-wf-7', status: 'Completed' });

  const row = screen.getByRole('rowheader', { name: 'wf-7' }).closest('tr')!;
  expect(await within(row).findByText('Completed')).toBeInTheDocument();
  expect(
    await screen.findByRole('button', { name: 'Completed 1' }),
  ).toBeInTheDocument();
  expect(mockRenders.get('wf-7')).toBeGreaterThan(0);
  const others = [...mockRenders.keys()].filter(id => id !== 'wf-7');
  expect(others).toEqual([]);
  expect(api.listExecutions).toHaveBeenCalledTimes(1);
});
