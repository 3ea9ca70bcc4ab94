import { renderInTestApp } from '@ai-ops-console/console-react/testUtils';
import { screen } from '@testing-library/react';
import { JsonView } from './JsonView';

describe('JsonView', () => {
  it('shows markup in data as text', async () => {
    renderInTestApp(
      <JsonView value="<script>alert(1)</script>" label="Result" />,
    );
    expect(await screen.findByLabelText('Result')).toHaveTextContent(
      '"<script>alert(1)</script>"',
    );
    expect(document.querySelector('script')).toBeNull();
  });

  it('starts long entries collapsed, with a preview', async () => {
    const long = 'x'.repeat(1000);
    renderInTestApp(<JsonView value={{ short: 1, long }} label="Input" />);
    expect(
      await screen.findByRole('button', { name: 'short' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'long' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(screen.getByText(/^"x{59}…$/)).toBeInTheDocument();
  });

  it('says None for no value', async () => {
    renderInTestApp(<JsonView value={undefined} label="Result" />);
    expect(await screen.findByText('None')).toBeInTheDocument();
  });
});
