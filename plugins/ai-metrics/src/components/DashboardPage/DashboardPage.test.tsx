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
  summary,
  XSS,
} from '../../__testUtils__/fakes';
import { AiMetricsApi } from '../../api';
import { EMPTY_TITLE } from '../EmptyMetrics';
import { DashboardPage } from './DashboardPage';

const SENTIMENT = busy({
  requests: 1234,
  errors: 31,
  p95: 187.4,
  inputTokens: 10000,
  outputTokens: 2345,
  costUsd: 12.5,
  accuracy: 0.912,
  scoredEvents: 400,
});
const GPT = busy({ requests: 10, p95: 1500, costUsd: 0.0042 });

function dashboardApi(impl: Partial<AiMetricsApi> = {}) {
  return fakeApi({
    listModels: async () => ({
      items: [model('gpt-4o'), model('local-sentiment', ['v1', 'v2'])],
    }),
    compare: async ({ from, to, models, versions }) => ({
      from,
      to,
      items: versions
        ? versions.map(version => ({
            model: models[0],
            version,
            summary: SENTIMENT,
          }))
        : models.map(name => ({
            model: name,
            summary: name === 'gpt-4o' ? GPT : SENTIMENT,
          })),
    }),
    getSeries: async () =>
      seriesResponse([
        {
          model: 'gpt-4o',
          points: points(busy({ requests: 4, p95: 120 }), summary()),
        },
        {
          model: 'local-sentiment',
          points: points(
            busy({ requests: 6, p95: 80.5 }),
            busy({ requests: 2, p95: 95 }),
          ),
        },
      ]),
    getTop: async ({ from, to, by }) => ({
      from,
      to,
      by: by ?? 'cost',
      items: [
        { model: 'local-sentiment', value: 12.5, summary: SENTIMENT },
        { model: 'gpt-4o', value: 0.0042, summary: GPT },
      ],
    }),
    ...impl,
  });
}

function card(name: string) {
  return screen.getByRole('article', { name });
}

/** The value next to a term in a card's facts. */
function fact(container: HTMLElement, term: string) {
  const dt = within(container).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling as HTMLElement;
}

/** The text of every cell of a table row, headers included. */
const cellsOf = (row: HTMLElement) =>
  Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent);

afterEach(() => jest.restoreAllMocks());

describe('DashboardPage', () => {
  it('shows a card per model with its numbers and units', async () => {
    await renderPage(<DashboardPage />, { api: dashboardApi() });
    const sentiment = await screen.findByRole('article', {
      name: 'local-sentiment',
    });
    expect(fact(sentiment, 'Requests')).toHaveTextContent('1,234');
    expect(fact(sentiment, 'p95 latency')).toHaveTextContent('187 ms');
    expect(fact(sentiment, 'Error rate')).toHaveTextContent('2.51%');
    // the grade is in words and an icon, not colour alone
    expect(fact(sentiment, 'Error rate')).toHaveTextContent('Elevated');
    expect(
      fact(sentiment, 'Error rate').querySelector('svg[aria-hidden="true"]'),
    ).not.toBeNull();
    expect(fact(sentiment, 'Tokens')).toHaveTextContent(
      '12,345 tokens (10,000 in, 2,345 out)',
    );
    expect(fact(sentiment, 'Cost')).toHaveTextContent('$12.50');
    expect(fact(sentiment, 'Accuracy')).toHaveTextContent(
      '91.2% (of 400 scored)',
    );

    const gpt = card('gpt-4o');
    expect(fact(gpt, 'p95 latency')).toHaveTextContent('1,500 ms');
    expect(fact(gpt, 'Cost')).toHaveTextContent('$0.0042');
    expect(fact(gpt, 'Error rate')).toHaveTextContent('No errors');
    expect(fact(gpt, 'Accuracy')).toHaveTextContent('Not scored');
  });

  it('keeps the range in the URL and asks for it with a step that fits', async () => {
    const api = dashboardApi();
    const { location } = await renderPage(<DashboardPage />, { api });
    await screen.findByRole('article', { name: 'gpt-4o' });

    // the default range: the last 24 hours in 15-minute steps
    const first = api.getSeries.mock.calls[0][0];
    expect(Date.parse(first.to) - Date.parse(first.from)).toBe(86_400_000);
    expect(first.step).toBe('15m');

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Time range' }),
      'Last 7 days',
    );
    expect(queryOf(location().search)).toEqual({ range: ['7d'] });
    // the picker is not remounted: a keyboard user stays where they were
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveFocus();
    await waitFor(() => expect(api.getSeries).toHaveBeenCalledTimes(2));
    const series = api.getSeries.mock.calls[1][0];
    expect(Date.parse(series.to) - Date.parse(series.from)).toBe(
      7 * 86_400_000,
    );
    expect(series).toMatchObject({ step: '1h', groupBy: 'model' });
    expect(series.models).toBeUndefined();
    // every widget asks for the same minutes
    const compare = api.compare.mock.calls[1][0];
    const top = api.getTop.mock.calls[1][0];
    expect([compare.from, compare.to]).toEqual([series.from, series.to]);
    expect([top.from, top.to]).toEqual([series.from, series.to]);

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Step' }),
      '6 hours',
    );
    expect(queryOf(location().search)).toEqual({ range: ['7d'], step: ['6h'] });
    await waitFor(() =>
      expect(api.getSeries).toHaveBeenLastCalledWith(
        expect.objectContaining({ step: '6h' }),
      ),
    );
  });

  it('reads a custom range from the URL and writes a new one', async () => {
    const api = dashboardApi();
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-01-03T00:00:00.000Z';
    const { location } = await renderPage(<DashboardPage />, {
      api,
      url: `/ai-metrics?from=${from}&to=${to}`,
    });
    await screen.findByRole('article', { name: 'gpt-4o' });
    expect(api.getSeries).toHaveBeenCalledWith(
      expect.objectContaining({ from, to, step: '15m' }),
    );
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue(
      'custom',
    );
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-01-02T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Apply range' }));
    const query = queryOf(location().search);
    expect(Date.parse(query.from[0])).toBe(
      new Date('2026-01-02T00:00').getTime(),
    );
    expect(query.to).toEqual([to]);

    // an end before the start is refused with a reason
    await userEvent.clear(screen.getByLabelText('From'));
    await userEvent.type(screen.getByLabelText('From'), '2026-02-01T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Apply range' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The end must be after the start.',
    );
  });

  it('offers every chart as a table of the same numbers', async () => {
    await renderPage(<DashboardPage />, { api: dashboardApi() });
    const latency = await screen.findByRole('figure', { name: 'Latency' });
    const chart = within(latency).getByRole('img');
    expect(chart).toHaveAccessibleName(
      expect.stringMatching(
        /^Line chart of p95 latency in milliseconds, from .* one point every 15 minutes\. Lines: gpt-4o p95; local-sentiment p95\./,
      ),
    );
    // recharts drew one line per model
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(2);
    await userEvent.click(
      within(latency).getByRole('button', { name: 'Show as table: Latency' }),
    );
    const table = within(latency).getByRole('table');
    const rows = within(table)
      .getAllByRole('row')
      .map(row => cellsOf(row).slice(1));
    expect(rows).toEqual([
      ['gpt-4o p95', 'local-sentiment p95'],
      ['120 ms', '81 ms'],
      ['No data', '95 ms'],
    ]);
    // the chart comes back
    await userEvent.click(
      within(latency).getByRole('button', { name: 'Show as chart: Latency' }),
    );
    expect(within(latency).getByRole('img')).toBeInTheDocument();

    // all percentiles at once
    await userEvent.selectOptions(
      within(latency).getByRole('combobox', { name: 'Percentile' }),
      'All',
    );
    await userEvent.click(
      within(latency).getByRole('button', { name: 'Show as table: Latency' }),
    );
    expect(
      within(latency)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Time',
      'gpt-4o p50',
      'gpt-4o p95',
      'gpt-4o p99',
      'local-sentiment p50',
      'local-sentiment p95',
      'local-sentiment p99',
    ]);

    const requests = screen.getByRole('figure', { name: 'Requests' });
    await userEvent.click(
      within(requests).getByRole('button', { name: 'Show as table: Requests' }),
    );
    const cells = within(requests)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual([
      '4 requests',
      '6 requests',
      '0 requests',
      '2 requests',
    ]);
    // each row is named by its time
    expect(within(requests).getAllByRole('rowheader')).toHaveLength(2);
  });

  it('says how to send events when there are no metrics yet', async () => {
    const api = dashboardApi({ listModels: async () => ({ items: [] }) });
    await renderPage(<DashboardPage />, { api });
    expect(
      await screen.findByRole('heading', { name: EMPTY_TITLE }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Sending events/)).toBeInTheDocument();
    expect(api.getSeries).not.toHaveBeenCalled();
  });

  it('says when the reader may not read the metrics, without a useless retry', async () => {
    const api = dashboardApi({
      listModels: jest
        .fn()
        .mockRejectedValue(await responseError(403, 'not allowed')),
    });
    await renderPage(<DashboardPage />, { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You may not read these metrics');
    expect(alert).toHaveTextContent('ai-metrics.model.read');
    expect(
      within(alert).queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('says when the service is unavailable and retries on request', async () => {
    const api = dashboardApi({
      listModels: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'database unreachable'))
        .mockResolvedValueOnce({ items: [model('gpt-4o')] }),
    });
    await renderPage(<DashboardPage />, { api });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The AI Metrics service is unavailable');
    expect(alert).toHaveTextContent('database unreachable');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('article', { name: 'gpt-4o' }),
    ).toBeInTheDocument();
    expect(api.listModels).toHaveBeenCalledTimes(2);
  });

  it('keeps the rest of the dashboard when one widget fails', async () => {
    const api = dashboardApi({
      getSeries: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'timeout'))
        .mockResolvedValueOnce(seriesResponse([])),
    });
    await renderPage(<DashboardPage />, { api });
    const charts = await screen.findByRole('region', { name: 'Over time' });
    const alert = await within(charts).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the charts');
    expect(screen.getByRole('article', { name: 'gpt-4o' })).toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await within(charts).findByText('No calls in this range.'),
    ).toBeInTheDocument();
  });

  it('renders model names as text, never as markup', async () => {
    const api = dashboardApi({
      listModels: async () => ({ items: [model(XSS, ['<b>v1</b>'])] }),
      getSeries: async () =>
        seriesResponse([
          { model: XSS, points: points(busy({ requests: 1 }), summary()) },
        ]),
      getTop: async ({ from, to }) => ({
        from,
        to,
        by: 'cost',
        items: [{ model: XSS, value: 1, summary: GPT }],
      }),
    });
    const { container } = await renderPage(<DashboardPage />, { api });
    expect(
      await screen.findByRole('heading', { name: XSS, level: 3 }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: XSS })).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('ranks the top models by cost, p95 latency, errors or requests', async () => {
    const api = dashboardApi();
    const { location } = await renderPage(<DashboardPage />, { api });
    const top = await screen.findByRole('region', { name: 'Top models' });
    const table = await within(top).findByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => cellsOf(row)),
    ).toEqual([
      ['1', 'local-sentiment', '$12.50', '1,234', '2.51%Elevated'],
      ['2', 'gpt-4o', '$0.0042', '10', '0%No errors'],
    ]);
    expect(api.getTop).toHaveBeenLastCalledWith(
      expect.objectContaining({ by: 'cost', limit: 10 }),
    );
    await userEvent.selectOptions(
      within(top).getByRole('combobox', { name: 'Rank by' }),
      'p95 latency',
    );
    await waitFor(() =>
      expect(api.getTop).toHaveBeenLastCalledWith(
        expect.objectContaining({ by: 'latencyP95' }),
      ),
    );
    expect(
      await within(top).findByRole('columnheader', { name: 'p95 latency' }),
    ).toBeInTheDocument();

    // a model's name filters the dashboard to it
    await userEvent.click(within(top).getByRole('link', { name: 'gpt-4o' }));
    expect(queryOf(location().search)).toEqual({ model: ['gpt-4o'] });
  });

  it('shows one model version from a link and points to its evaluation workflows', async () => {
    const api = dashboardApi();
    await renderPage(<DashboardPage />, {
      api,
      url: '/ai-metrics?model=local-sentiment&version=v2&range=7d',
    });
    const version = await screen.findByRole('article', {
      name: 'local-sentiment, version v2',
    });
    expect(api.compare).toHaveBeenCalledWith(
      expect.objectContaining({
        models: ['local-sentiment'],
        versions: ['v2'],
      }),
    );
    expect(api.getSeries).toHaveBeenCalledWith(
      expect.objectContaining({
        models: ['local-sentiment'],
        versions: ['v2'],
        groupBy: 'version',
        step: '1h',
      }),
    );
    expect(
      within(version).getByRole('link', {
        name: 'Evaluation workflows (local-sentiment, version v2)',
      }),
    ).toHaveAttribute('href', '/workflows?type=modelEvaluation');
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue(
      '7d',
    );
  });

  it('filters by model and version through the URL', async () => {
    const api = dashboardApi();
    const { location } = await renderPage(<DashboardPage />, { api });
    const sentiment = await screen.findByRole('article', {
      name: 'local-sentiment',
    });
    expect(
      within(sentiment).getByRole('link', {
        name: 'Compare versions of local-sentiment',
      }),
    ).toHaveAttribute(
      'href',
      '/ai-metrics/compare?model=local-sentiment&version=v1&version=v2&compare=versions',
    );
    await userEvent.click(
      within(sentiment).getByRole('link', {
        name: 'Show only local-sentiment',
      }),
    );
    expect(queryOf(location().search)).toEqual({ model: ['local-sentiment'] });
    await waitFor(() =>
      expect(api.compare).toHaveBeenLastCalledWith(
        expect.objectContaining({ models: ['local-sentiment'] }),
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: /^Versions/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'v1' }));
    await userEvent.keyboard('{Escape}');
    expect(queryOf(location().search)).toEqual({
      model: ['local-sentiment'],
      version: ['v1'],
    });
    expect(
      await screen.findByRole('article', {
        name: 'local-sentiment, version v1',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(location().search).toBe('');
  });

  it('keeps the summaries and charts when the top models fail, and retries only them', async () => {
    const working = dashboardApi();
    const api = dashboardApi({
      getTop: jest
        .fn()
        .mockRejectedValueOnce(await responseError(500, 'top query timed out'))
        .mockImplementation(working.getTop),
    });
    await renderPage(<DashboardPage />, { api });

    const top = await screen.findByRole('region', { name: 'Top models' });
    const alert = await within(top).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the top models');
    expect(alert).toHaveTextContent('top query timed out');
    // the other widgets show their data
    expect(
      await screen.findByRole('article', { name: 'local-sentiment' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: 'Latency' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toEqual([alert]);
    // the ranking can still be changed while it failed
    expect(
      within(top).getByRole('combobox', { name: 'Rank by' }),
    ).toBeEnabled();

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    const table = await within(top).findByRole('table');
    expect(within(table).getByRole('link', { name: 'gpt-4o' })).toBeVisible();
    expect(within(top).queryByRole('alert')).toBeNull();
    expect(api.getTop).toHaveBeenCalledTimes(2);
    // nothing else was asked again
    expect(api.compare).toHaveBeenCalledTimes(1);
    expect(api.getSeries).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('article', { name: 'gpt-4o' })).toBeInTheDocument();
  });

  it('keeps the charts and top models when the summaries fail', async () => {
    const working = dashboardApi();
    const api = dashboardApi({
      compare: jest
        .fn()
        .mockRejectedValueOnce(await responseError(503, 'database unreachable'))
        .mockImplementation(working.compare),
    });
    await renderPage(<DashboardPage />, { api });
    const summaries = await screen.findByRole('region', { name: 'Summary' });
    const alert = await within(summaries).findByRole('alert');
    expect(alert).toHaveTextContent('The AI Metrics service is unavailable');
    expect(alert).toHaveTextContent('Could not load the summaries');
    const top = screen.getByRole('region', { name: 'Top models' });
    expect(await within(top).findByRole('table')).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', { name: 'Cost' }),
    ).toBeInTheDocument();

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await within(summaries).findByRole('article', { name: 'gpt-4o' }),
    ).toBeInTheDocument();
    expect(api.getTop).toHaveBeenCalledTimes(1);
  });

  it("reaches a chart's table by keyboard, named by its caption", async () => {
    await renderPage(<DashboardPage />, { api: dashboardApi() });
    const cost = await screen.findByRole('figure', { name: 'Cost' });
    const toggle = within(cost).getByRole('button', {
      name: 'Show as table: Cost',
    });
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    expect(
      within(cost).getByRole('button', { name: 'Show as chart: Cost' }),
    ).toHaveFocus();
    // the scrolling table is the next stop and says what it holds
    await userEvent.tab();
    const region = within(cost).getByRole('region', {
      name: 'Cost: cost in US dollars, one row every 15 minutes',
    });
    expect(region).toHaveFocus();
    expect(within(region).getByRole('table')).toHaveAccessibleName(
      'Cost: cost in US dollars, one row every 15 minutes',
    );
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Enter}');
    expect(within(cost).getByRole('img')).toHaveAccessibleName(
      expect.stringMatching(/^Line chart of cost in US dollars/),
    );
  });

  it('labels small cost ticks with their digits, not $0', async () => {
    const cheap = (costUsd: number) => busy({ requests: 3, costUsd });
    const api = dashboardApi({
      getSeries: async () =>
        seriesResponse([
          { model: 'gpt-4o', points: points(cheap(0.0004), cheap(0.0002)) },
        ]),
    });
    await renderPage(<DashboardPage />, { api });
    const cost = await screen.findByRole('figure', { name: 'Cost' });
    // the y axis labels (the x axis reads times)
    const ticks = Array.from(
      cost.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    )
      .map(tick => tick.textContent)
      .filter(text => text?.startsWith('$'));
    expect(ticks).toEqual(['$0', '$0.0001', '$0.0002', '$0.0003', '$0.0004']);
  });
});
