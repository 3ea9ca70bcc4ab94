import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, responseError, testApis } from '../../__testUtils__/fakes';
import { WorkflowsApi } from '../../api';
import { HealthBanner } from './HealthBanner';

const reachable = {
  status: 'ok' as const,
  temporal: {
    address: '127.0.0.1:7233',
    namespace: 'default',
    reachable: true,
  },
};

function renderWith(getHealth: WorkflowsApi['getHealth']) {
  return renderInTestApp(
    <>
      <HealthBanner />
      <p>page content</p>
    </>,
    { apis: testApis({ api: fakeApi({ getHealth }) }) },
  );
}

describe('HealthBanner', () => {
  it('shows nothing while Temporal is reachable', async () => {
    const getHealth = jest.fn(async () => reachable);
    await renderWith(getHealth);
    expect(await screen.findByText('page content')).toBeInTheDocument();
    expect(getHealth).toHaveBeenCalled();
    expect(screen.queryByText('Temporal is unreachable')).toBeNull();
  });

  it('says why Temporal is unreachable and checks again on request', async () => {
    const getHealth = jest
      .fn()
      .mockResolvedValueOnce({
        status: 'unavailable',
        temporal: {
          ...reachable.temporal,
          reachable: false,
          message: 'UNAVAILABLE: No connection established',
        },
      })
      .mockResolvedValueOnce(reachable);
    await renderWith(getHealth);
    expect(
      await screen.findByText('Temporal is unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/127\.0\.0\.1:7233 \(namespace default\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('UNAVAILABLE: No connection established'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('page content')).toBeInTheDocument();
    expect(screen.queryByText('Temporal is unreachable')).toBeNull();
    expect(getHealth).toHaveBeenCalledTimes(2);
  });

  it('shows an error with a retry when the backend cannot be reached', async () => {
    const getHealth = jest
      .fn()
      .mockRejectedValueOnce(await responseError(502, 'Bad Gateway'))
      .mockResolvedValueOnce(reachable);
    await renderWith(getHealth);
    expect(
      await screen.findByText('Could not load the workflows backend status'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(getHealth).toHaveBeenCalledTimes(2);
  });
});
