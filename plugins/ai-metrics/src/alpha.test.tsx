import {
  coreApis,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { busy, fakeApi, model, seriesResponse } from './__testUtils__/fakes';
import { aiMetricsApiRef } from './api';
import aiMetricsPlugin from './alpha';

/** Stands in for the workflows plugin: a page at /workflows as `workflows.root`. */
const workflowsRoot = createRouteRef();
const workflowsStub = createFrontendPlugin({
  pluginId: 'workflows',
  routes: { root: workflowsRoot },
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/workflows',
        routeRef: workflowsRoot,
        loader: async () => <p>the workflows list</p>,
      },
    }),
  ],
});

const api = fakeApi({
  listModels: async () => ({
    items: [model('local-sentiment', ['v1', 'v2'])],
  }),
  compare: async ({ from, to, models, versions }) => ({
    from,
    to,
    items: (versions ?? []).map(version => ({
      model: models[0],
      version,
      summary: busy({ requests: 5 }),
    })),
  }),
  getSeries: async () => seriesResponse([]),
  getTop: async ({ from, to }) => ({ from, to, by: 'cost', items: [] }),
});

describe('ai-metrics plugin for the new frontend system (./alpha)', () => {
  it("shows the dashboard under the app's page header only", async () => {
    renderTestApp({
      features: [aiMetricsPlugin, workflowsStub],
      apis: [[aiMetricsApiRef, api]],
      initialRouteEntries: ['/ai-metrics'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Summary', level: 2 }),
    ).toBeInTheDocument();
    // the page shell draws the h1; the page adds no second header
    expect(
      screen.getAllByRole('heading', { level: 1 }).map(h => h.textContent),
    ).toEqual(['AI Metrics']);
    expect(
      document.querySelector('[data-backstage-core-header]'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(
      screen.getByRole('heading', { name: 'Summary' }),
    );
  });

  it('serves the dashboard at /ai-metrics and links to evaluation workflows', async () => {
    const { apis } = renderTestApp({
      features: [aiMetricsPlugin, workflowsStub],
      apis: [[aiMetricsApiRef, api]],
      initialRouteEntries: ['/ai-metrics?model=local-sentiment&version=v2'],
    });
    const card = await screen.findByRole('article', {
      name: 'local-sentiment, version v2',
    });
    const link = within(card).getByRole('link', {
      name: 'Evaluation workflows (local-sentiment, version v2)',
    });
    // the external route is bound to workflows.root without app config
    expect(link).toHaveAttribute('href', '/workflows?type=modelEvaluation');
    await userEvent.click(link);
    expect(await screen.findByText('the workflows list')).toBeInTheDocument();
    const { location } = apis.get(coreApis.appHistory)!.getSnapshot();
    expect(`${location.pathname}${location.search}`).toBe(
      '/workflows?type=modelEvaluation',
    );
  });

  it('serves the comparison at /ai-metrics/compare', async () => {
    renderTestApp({
      features: [aiMetricsPlugin, workflowsStub],
      apis: [[aiMetricsApiRef, api]],
      initialRouteEntries: [
        '/ai-metrics/compare?model=local-sentiment&version=v1&version=v2',
      ],
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Compare versions of local-sentiment',
      }),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: /side by side/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Measure', 'v1', 'v2']);
  });
});
