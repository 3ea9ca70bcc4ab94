import { FlatRoutes } from '@backstage/core-app-api';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router-dom';
import { busy, fakeApi, model, seriesResponse } from './__testUtils__/fakes';
import { aiMetricsApiRef } from './api';
import { aiMetricsPlugin, AiMetricsPage } from './plugin';
import { workflowsRouteRef } from './routes';

const api = fakeApi({
  listModels: async () => ({
    items: [model('local-sentiment', ['v1', 'v2'])],
  }),
  compare: async ({ from, to, models, versions }) => ({
    from,
    to,
    items: (versions ?? models).map(name => ({
      model: models[0],
      version: versions ? name : undefined,
      summary: busy({ requests: 5 }),
    })),
  }),
  getSeries: async () => seriesResponse([]),
  getTop: async ({ from, to }) => ({ from, to, by: 'cost', items: [] }),
});

/** The page as an old app's App.tsx mounts it, with workflows bound. */
function renderLegacyApp(url: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiMetricsApiRef, api]]}>
      <FlatRoutes>
        <Route path="/ai-metrics" element={<AiMetricsPage />} />
      </FlatRoutes>
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: { '/workflows': workflowsRouteRef },
    },
  );
}

describe('AiMetricsPage in the old frontend system', () => {
  it('shows the dashboard under a Backstage page header, its only h1', async () => {
    await renderLegacyApp('/ai-metrics');
    expect(
      await screen.findByRole('heading', { name: 'Summary', level: 2 }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('heading', { level: 1 }).map(h => h.textContent),
    ).toEqual(['AI Metrics']);
    expect(screen.getByRole('main')).toContainElement(
      screen.getByRole('heading', { name: 'Summary' }),
    );
  });

  it('goes to the comparison and back inside the app', async () => {
    await renderLegacyApp('/ai-metrics?range=6h');
    await screen.findByRole('heading', { name: 'Summary' });
    await userEvent.click(
      screen.getByRole('link', { name: 'Compare versions of local-sentiment' }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Compare versions of local-sentiment',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Compare' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await userEvent.click(screen.getByRole('link', { name: 'Dashboard' }));
    expect(
      await screen.findByRole('article', {
        name: 'local-sentiment, version v2',
      }),
    ).toBeInTheDocument();
  });

  it('links a model to its evaluation workflows through bindRoutes', async () => {
    await renderLegacyApp('/ai-metrics?model=local-sentiment&version=v2');
    const card = await screen.findByRole('article', {
      name: 'local-sentiment, version v2',
    });
    expect(
      within(card).getByRole('link', {
        name: 'Evaluation workflows (local-sentiment, version v2)',
      }),
    ).toHaveAttribute('href', '/workflows?type=modelEvaluation');
  });

  it('brings its client API, built from discovery and fetch', () => {
    const [factory] = [...aiMetricsPlugin.getApis()];
    expect(factory.api).toBe(aiMetricsApiRef);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
  });
});
