import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  busy,
  fakeApi,
  model,
  queryOf,
  renderPage,
  seriesResponse,
} from '../../__testUtils__/fakes';
import { AiMetricsPage } from './AiMetricsPage';

function api() {
  return fakeApi({
    listModels: async () => ({
      items: [model('local-sentiment', ['v1', 'v2'])],
    }),
    compare: async ({ from, to, models, versions }) => ({
      from,
      to,
      items: (versions ?? models).map(name => ({
        model: models[0],
        version: versions ? name : undefined,
        summary: busy({ requests: 3 }),
      })),
    }),
    getSeries: async () => seriesResponse([]),
    getTop: async ({ from, to }) => ({ from, to, by: 'cost', items: [] }),
  });
}

describe('AiMetricsPage', () => {
  it('shows the dashboard at its root', async () => {
    await renderPage(<AiMetricsPage />, { api: api() });
    expect(
      await screen.findByRole('heading', { name: 'Summary', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('shows the comparison under compare, and goes there keeping the range', async () => {
    const { location } = await renderPage(<AiMetricsPage />, {
      api: api(),
      url: '/ai-metrics?range=6h',
    });
    await screen.findByRole('heading', { name: 'Summary' });
    await userEvent.click(
      screen.getByRole('link', { name: 'Compare versions of local-sentiment' }),
    );
    expect(location().pathname).toBe('/ai-metrics/compare');
    expect(queryOf(location().search)).toEqual({
      range: ['6h'],
      model: ['local-sentiment'],
      version: ['v1', 'v2'],
      compare: ['versions'],
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Compare versions of local-sentiment',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Compare' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // and back, with the same range and filter
    await userEvent.click(screen.getByRole('link', { name: 'Dashboard' }));
    expect(location().pathname).toBe('/ai-metrics');
    expect(queryOf(location().search)).toEqual({
      range: ['6h'],
      model: ['local-sentiment'],
      version: ['v1', 'v2'],
    });
    expect(
      await screen.findByRole('article', {
        name: 'local-sentiment, version v2',
      }),
    ).toBeInTheDocument();
  });
});
