import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AiMetricsApi, aiMetricsApiRef } from '../../api';
import { AiMetricsPage } from './AiMetricsPage';

function renderWith(getHealth: AiMetricsApi['getHealth']) {
  return renderInTestApp(<AiMetricsPage />, {
    apis: [[aiMetricsApiRef, { getHealth }]],
  });
}

describe('AiMetricsPage', () => {
  it('shows the database connection and the empty state', async () => {
    await renderWith(async () => ({
      status: 'ok',
      database: { reachable: true, client: 'pg' },
    }));
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(screen.getByText(/pg/)).toBeInTheDocument();
    expect(screen.getByText('No model metrics to show')).toBeInTheDocument();
  });

  it('says why the database is unreachable and checks again on request', async () => {
    const getHealth = jest
      .fn()
      .mockResolvedValueOnce({
        status: 'unavailable',
        database: {
          reachable: false,
          client: 'pg',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
        },
      })
      .mockResolvedValueOnce({
        status: 'ok',
        database: { reachable: true, client: 'pg' },
      });
    await renderWith(getHealth);
    expect(await screen.findByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('connect ECONNREFUSED 127.0.0.1:5432'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(getHealth).toHaveBeenCalledTimes(2);
  });

  it('shows an error with a retry when the backend cannot be reached', async () => {
    const getHealth = jest.fn().mockRejectedValue(
      await ResponseError.fromResponse(
        new Response(
          JSON.stringify({ error: { name: 'Error', message: 'boom' } }),
          {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'application/json' },
          },
        ),
      ),
    );
    await renderWith(getHealth);
    expect(
      await screen.findByText(/Could not reach the AI Metrics backend/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(getHealth).toHaveBeenCalledTimes(2);
  });
});
