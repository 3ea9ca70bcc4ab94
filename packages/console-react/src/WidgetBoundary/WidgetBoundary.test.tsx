import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '../testUtils';
import { WidgetBoundary } from './WidgetBoundary';

let shouldFail = true;
function Flaky() {
  if (shouldFail) throw new Error('the grants came back in an odd shape');
  return <p>grants</p>;
}

afterEach(() => jest.restoreAllMocks());

it('says which widget failed and mounts it again on Retry', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  renderInTestApp(
    <>
      <WidgetBoundary what="the grants">
        <Flaky />
      </WidgetBoundary>
      <p>the rest of the page</p>
    </>,
  );
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Could not show the grants');
  expect(alert).toHaveTextContent('the grants came back in an odd shape');
  expect(screen.getByText('the rest of the page')).toBeInTheDocument();
  shouldFail = false;
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByText('grants')).toBeInTheDocument();
});
