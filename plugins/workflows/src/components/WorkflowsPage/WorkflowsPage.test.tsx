import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkflowsApi, workflowsApiRef } from '../../api';
import { WorkflowsPage } from './WorkflowsPage';

function renderWith(getHealth: WorkflowsApi['getHealth']) {
  return renderInTestApp(<WorkflowsPage />, {
    apis: [[workflowsApiRef, { getHealth }]],
  });
}

describe('WorkflowsPage', () => {
  it('shows the Temporal connection and the empty state', async () => {
    await renderWith(async () => ({
      status: 'ok',
      temporal: {
        address: '127.0.0.1:7233',
        namespace: 'default',
        reachable: true,
      },
    }));
    expect(await screen.findByText('Connected')).toBeInTheDocument();
    expect(
      screen.getByText(/127\.0\.0\.1:7233, namespace default/),
    ).toBeInTheDocument();
    expect(screen.getByText('No workflow runs to show')).toBeInTheDocument();
  });

  it('says why Temporal is unreachable and checks again on request', async () => {
    const getHealth = jest
      .fn()
      .mockResolvedValueOnce({
        status: 'unavailable',
        temporal: {
          address: '127.0.0.1:7233',
          namespace: 'default',
          reachable: false,
          message: 'UNAVAILABLE: No connection established',
        },
      })
      .mockResolvedValueOnce({
        status: 'ok',
        temporal: {
          address: '127.0.0.1:7233',
          namespace: 'default',
          reachable: true,
        },
      });
    await renderWith(getHealth);
    expect(await screen.findByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('UNAVAILABLE: No connection established'),
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
      await screen.findByText(/Could not reach the workflows backend/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(getHealth).toHaveBeenCalledTimes(2);
  });
});
