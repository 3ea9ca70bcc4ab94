import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  busy,
  fakeApi,
  model,
  points,
  queryOf,
  renderPage,
  responseError,
  seriesResponse,
} from '../../__testUtils__/fakes';
import { AiMetricsApi } from '../../api';
import { ComparePage } from './ComparePage';

const V1 = busy({ requests: 500, errors: 50, p95: 240, costUsd: 3 });
const V2 = busy({
  requests: 700,
  errors: 7,
  p95: 120,
  costUsd: 2.25,
  accuracy: 0.93,
  scoredEvents: 100,
});

function compareApi(impl: Partial<AiMetricsApi> = {}) {
  return fakeApi({
    listModels: async () => ({
      items: [model('gpt-4o'), model('local-sentiment', ['v1', 'v2', 'v3'])],
    }),
    compare: async ({ from, to, models, versions }) => ({
      from,
      to,
      items: versions
        ? versions.map(version => ({
            model: models[0],
            version,
            summary: version === 'v1' ? V1 : V2,
          }))
        : models.map(name => ({ model: name, summary: V1 })),
    }),
    getSeries: async ({ versions }) =>
      seriesResponse(
        (versions ?? []).map(version => ({
          model: 'local-sentiment',
          version,
          points: points(V1, V2),
        })),
      ),
    ...impl,
  });
}

/** The comparison table as rows of cell texts, headers included. */
function tableRows(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(c => c.textContent),
    );
}

describe('ComparePage', () => {
  it('shows two versions of a model side by side', async () => {
    const api = compareApi();
    await renderPage(<ComparePage />, {
      api,
      url: '/ai-metrics/compare?model=local-sentiment&version=v1&version=v2&range=7d',
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Compare versions of local-sentiment',
        level: 2,
      }),
    ).toBeInTheDocument();
    const side = screen.getByRole('region', { name: 'Side by side' });
    const table = await within(side).findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Measure', 'v1', 'v2']);
    const rows = tableRows(table);
    expect(rows).toContainEqual(['Requests', '500', '700']);
    expect(rows).toContainEqual(['Error rate', '10%High', '1%Elevated']);
    expect(rows).toContainEqual(['p95 latency', '240 ms', '120 ms']);
    expect(rows).toContainEqual(['Cost', '$3.00', '$2.25']);
    expect(rows).toContainEqual(['Accuracy', 'Not scored', '93%']);
    expect(api.compare).toHaveBeenCalledWith(
      expect.objectContaining({
        models: ['local-sentiment'],
        versions: ['v1', 'v2'],
      }),
    );
    // the charts plot one line per version
    expect(api.getSeries).toHaveBeenCalledWith(
      expect.objectContaining({
        models: ['local-sentiment'],
        versions: ['v1', 'v2'],
        groupBy: 'version',
        step: '1h',
      }),
    );
    const cost = await screen.findByRole('figure', { name: 'Cost' });
    await userEvent.click(
      within(cost).getByRole('button', { name: 'Show as table: Cost' }),
    );
    expect(
      within(cost)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Time', 'v1', 'v2']);
  });

  it('compares models picked from the list and keeps them in the URL', async () => {
    const api = compareApi();
    const { location } = await renderPage(<ComparePage />, {
      api,
      url: '/ai-metrics/compare',
    });
    expect(
      await screen.findByRole('heading', { name: 'Compare models' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Choose two or more models to compare them.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Models/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'gpt-4o' }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'local-sentiment' }),
    );
    await userEvent.keyboard('{Escape}');
    expect(queryOf(location().search)).toEqual({
      model: ['gpt-4o', 'local-sentiment'],
    });
    const table = await within(
      await screen.findByRole('region', { name: 'Side by side' }),
    ).findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual(['Measure', 'gpt-4o', 'local-sentiment']);
    await waitFor(() =>
      expect(api.getSeries).toHaveBeenCalledWith(
        expect.objectContaining({
          models: ['gpt-4o', 'local-sentiment'],
          groupBy: 'model',
        }),
      ),
    );
  });

  it('switches to versions of one model', async () => {
    const api = compareApi();
    const { location } = await renderPage(<ComparePage />, {
      api,
      url: '/ai-metrics/compare?model=local-sentiment&model=gpt-4o',
    });
    await userEvent.click(
      await screen.findByRole('radio', { name: 'Versions of one model' }),
    );
    expect(queryOf(location().search)).toEqual({
      model: ['local-sentiment'],
      compare: ['versions'],
    });
    expect(
      await screen.findByRole('heading', {
        name: 'Compare versions of local-sentiment',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Versions/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'v1' }));
    await userEvent.click(screen.getByRole('option', { name: 'v3' }));
    await userEvent.keyboard('{Escape}');
    expect(queryOf(location().search)).toEqual({
      model: ['local-sentiment'],
      version: ['v1', 'v3'],
      compare: ['versions'],
    });
    await waitFor(() =>
      expect(api.compare).toHaveBeenLastCalledWith(
        expect.objectContaining({ versions: ['v1', 'v3'] }),
      ),
    );
  });

  it('says when a compared model may not be read', async () => {
    const api = compareApi({
      compare: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'may not read gpt-4o')),
      getSeries: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'may not read gpt-4o')),
    });
    await renderPage(<ComparePage />, {
      api,
      url: '/ai-metrics/compare?model=local-sentiment&model=gpt-4o',
    });
    const side = await screen.findByRole('region', { name: 'Side by side' });
    expect(await within(side).findByRole('alert')).toHaveTextContent(
      'You may not read these metrics',
    );
  });
});
