import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, responseError } from '../testUtils';
import { describeError } from './describeError';
import { ErrorNotice } from './ErrorNotice';

const TEMPORAL = {
  unavailable:
    'Temporal is unavailable right now, so workflow data cannot be read or changed.',
};

describe('describeError', () => {
  it.each([
    [401, 'Your sign-in is no longer accepted: session revoked'],
    [403, 'You may not list users. Ask an administrator. session revoked'],
    [404, 'It does not exist or no longer exists. session revoked'],
    [503, `${TEMPORAL.unavailable} session revoked`],
    [500, 'session revoked'],
  ])('puts a %s in words, then the server’s message', async (status, said) => {
    const error = await responseError(status, 'session revoked');
    expect(
      describeError(error, {
        action: 'list users',
        forbidden: 'Ask an administrator.',
        ...TEMPORAL,
      }),
    ).toBe(said);
  });

  it('says what any service being away means without a plugin’s words', async () => {
    expect(describeError(await responseError(503, 'down'))).toBe(
      'The service is unavailable right now. down',
    );
    expect(describeError(new Error('odd shape'))).toBe('odd shape');
  });
});

describe('ErrorNotice', () => {
  it('says what could not be done and why, with a Retry that works', async () => {
    const onRetry = jest.fn();
    renderInTestApp(
      <ErrorNotice
        what="load the execution list"
        error={await responseError(503, 'connection refused')}
        onRetry={onRetry}
        wording={TEMPORAL}
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the execution list');
    expect(alert).toHaveTextContent(
      `${TEMPORAL.unavailable} connection refused`,
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('says what the reader may not do after a 403, and offers no Retry', async () => {
    renderInTestApp(
      <ErrorNotice
        what="load the charts"
        action="read these metrics"
        error={await responseError(403, 'denied by policy')}
        onRetry={() => {}}
        wording={{ forbidden: 'Ask an administrator for access.' }}
      />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You may not read these metrics');
    expect(alert).toHaveTextContent(
      'Ask an administrator for access. denied by policy',
    );
    expect(within(alert).queryByRole('button')).toBeNull();
  });

  it('offers to sign in again after a 401, which signs out, and Retry for after', async () => {
    const identity = mockApis.identity();
    const signOut = jest.spyOn(identity, 'signOut').mockResolvedValue();
    renderInTestApp(
      <ErrorNotice
        what="load the users"
        error={await responseError(401, 'this session was revoked')}
        onRetry={() => {}}
      />,
      { apis: [[identityApiRef, identity]] },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the users: you need to sign in again',
    );
    expect(alert).toHaveTextContent('this session was revoked');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeEnabled();
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Sign in again' }),
    );
    expect(signOut).toHaveBeenCalledTimes(1);
  });
});
