import {
  coreApis,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  detail,
  fakeApi,
  giveElementsASize,
  testApis,
} from './__testUtils__/fakes';
import workflowsPlugin from './alpha';

/** Stands in for the ai-metrics plugin: a page at /ai-metrics as `ai-metrics.root`. */
const aiMetricsRoot = createRouteRef();
const aiMetricsStub = createFrontendPlugin({
  pluginId: 'ai-metrics',
  routes: { root: aiMetricsRoot },
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/ai-metrics',
        routeRef: aiMetricsRoot,
        loader: async () => <p>the metrics dashboard</p>,
      },
    }),
  ],
});

const api = fakeApi({
  listExecutions: async () => ({ items: [] }),
  countExecutions: async () => ({ total: 0, byStatus: {} }),
  getExecution: async ({ workflowId }) =>
    detail({ workflowId, input: { model: 'local-sentiment', version: 'v2' } }),
  getHistory: async () => ({ events: [] }),
});

function renderApp(url: string) {
  return renderTestApp({
    features: [workflowsPlugin, aiMetricsStub],
    apis: testApis({ api }),
    initialRouteEntries: [url],
  });
}

beforeEach(() => giveElementsASize());
afterEach(() => jest.restoreAllMocks());

describe('workflows plugin for the new frontend system (./alpha)', () => {
  it("serves the list at /workflows under the app's page header only", async () => {
    renderApp('/workflows');
    expect(
      await screen.findByRole('heading', { name: 'Executions', level: 2 }),
    ).toBeInTheDocument();
    // the page shell draws the h1; the page adds no second header
    expect(
      screen.getAllByRole('heading', { level: 1 }).map(h => h.textContent),
    ).toEqual(['Workflows']);
    expect(
      document.querySelector('[data-backstage-core-header]'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(
      screen.getByRole('heading', { name: 'Executions' }),
    );
  });

  it('goes to the start form and to an execution inside the app', async () => {
    const { apis } = renderApp('/workflows');
    const location = () =>
      apis.get(coreApis.appHistory)!.getSnapshot().location;
    await userEvent.click(
      await screen.findByRole('link', { name: 'Start workflow' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Start a workflow' }),
    ).toBeInTheDocument();
    expect(location().pathname).toBe('/workflows/start');
  });

  it('links an execution to its model metrics on ai-metrics without app config', async () => {
    const { apis } = renderApp('/workflows/executions/team%2Fpromo-1');
    expect(
      await screen.findByRole('heading', { name: 'team/promo-1' }),
    ).toBeInTheDocument();
    const link = await within(screen.getByRole('main')).findByRole('link', {
      name: 'Metrics of local-sentiment v2',
    });
    expect(link).toHaveAttribute(
      'href',
      '/ai-metrics?model=local-sentiment&version=v2',
    );
    await userEvent.click(link);
    expect(
      await screen.findByText('the metrics dashboard'),
    ).toBeInTheDocument();
    const { location } = apis.get(coreApis.appHistory)!.getSnapshot();
    expect(`${location.pathname}${location.search}`).toBe(
      '/ai-metrics?model=local-sentiment&version=v2',
    );
  });
});
