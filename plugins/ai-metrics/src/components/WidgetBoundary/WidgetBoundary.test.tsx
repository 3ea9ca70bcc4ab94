import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WidgetBoundary } from './WidgetBoundary';

let shouldFail = true;
function Flaky() {
  if (shouldFail) throw new Error('points came back in an odd shape');
  return <p>chart</p>;
}

it('says which widget failed and mounts it again on Retry', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  await renderInTestApp(
    <>
      <WidgetBoundary what="the latency chart">
        <Flaky />
      </WidgetBoundary>
      <p>the rest of the dashboard</p>
    </>,
  );
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Could not load the latency chart');
  expect(alert).toHaveTextContent('points came back in an odd shape');
  expect(screen.getByText('the rest of the dashboard')).toBeInTheDocument();
  shouldFail = false;
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByText('chart')).toBeInTheDocument();
});
