import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, responseError, testApis } from '../../__testUtils__/fakes';
import { WorkflowsApi } from '../../api';
import { HEALTH_POLL_MS, HealthBanner } from './HealthBanner';

const reachable = {
  status: 'ok' as const,
  temporal: { namespace: 'default', reachable: true },
};

function renderWith(
  getHealth: WorkflowsApi['getHealth'],
  onRecovered?: () => void,
) {
  return renderInTestApp(
    <>
      <HealthBanner onRecovered={onRecovered} />
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

  it('says that Temporal is unreachable, without where it runs, and checks again on request', async () => {
    const getHealth = jest
      .fn()
      .mockResolvedValueOnce({
        status: 'unavailable',
        temporal: {
          ...reachable.temporal,
          reachable: false,
          message: 'Temporal is unavailable',
        },
      })
      .mockResolvedValueOnce(reachable);
    await renderWith(getHealth);
    expect(
      await screen.findByText('Temporal is unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/\(namespace default\)/)).toBeInTheDocument();
    expect(screen.getByText('Temporal is unavailable')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('page content')).toBeInTheDocument();
    expect(screen.queryByText('Temporal is unreachable')).toBeNull();
    expect(getHealth).toHaveBeenCalledTimes(2);
  });

  it('says that the namespace is not set up, with the command from the backend, when Temporal answers', async () => {
    const message =
      'Temporal namespace default lacks the search attribute ConsoleStartedBy (Keyword) that the console needs.';
    const getHealth = jest.fn(async () => ({
      status: 'unavailable' as const,
      temporal: { ...reachable.temporal, message },
    }));
    await renderWith(getHealth);
    expect(
      await screen.findByText('Temporal is not set up for the console'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/one-time setup of namespace default/),
    ).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
    expect(screen.queryByText('Temporal is unreachable')).toBeNull();
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

  it('checks again on its own while Temporal is down, and says when it is back', async () => {
    const down = {
      status: 'unavailable' as const,
      temporal: { ...reachable.temporal, reachable: false },
    };
    const getHealth = jest
      .fn()
      .mockResolvedValueOnce(reachable)
      .mockResolvedValueOnce(down)
      .mockResolvedValueOnce(down)
      .mockResolvedValue(reachable);
    const onRecovered = jest.fn();
    jest.useFakeTimers();
    try {
      await renderWith(getHealth, onRecovered);
      await act(() => jest.advanceTimersByTimeAsync(0)); // the first answer
      expect(getHealth).toHaveBeenCalledTimes(1);
      // all well: the next check waits for the long interval
      await act(() => jest.advanceTimersByTimeAsync(HEALTH_POLL_MS.ok));
      expect(getHealth).toHaveBeenCalledTimes(2);
      expect(screen.getByText('Temporal is unreachable')).toBeInTheDocument();
      expect(onRecovered).not.toHaveBeenCalled();
      // down: checked every few seconds
      await act(() =>
        jest.advanceTimersByTimeAsync(HEALTH_POLL_MS.unavailable),
      );
      expect(getHealth).toHaveBeenCalledTimes(3);
      expect(screen.getByText('Temporal is unreachable')).toBeInTheDocument();
      await act(() =>
        jest.advanceTimersByTimeAsync(HEALTH_POLL_MS.unavailable),
      );
      expect(screen.queryByText('Temporal is unreachable')).toBeNull();
      expect(onRecovered).toHaveBeenCalledTimes(1);
      // staying up does not call it again
      await act(() => jest.advanceTimersByTimeAsync(HEALTH_POLL_MS.ok));
      expect(onRecovered).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
