import { createTheme, ThemeProvider } from '@material-ui/core';
import { render, screen } from '@testing-library/react';
import { StatusChip } from './StatusChip';

const theme = createTheme({
  palette: {
    success: { main: '#2e7d32', dark: '#1b5e20' },
    text: { secondary: 'rgba(0, 0, 0, 0.7)' },
  },
});

function chipOf(label: string) {
  return screen.getByText(label).closest('.MuiChip-root') as HTMLElement;
}

describe('StatusChip', () => {
  it('shows the status in words beside its icon, the theme colour on the outline and icon only', () => {
    render(
      <ThemeProvider theme={theme}>
        <StatusChip
          label="Completed"
          color="success.dark"
          icon={<svg data-testid="icon" aria-hidden />}
        />
        <StatusChip
          label="Canceled"
          color="text.secondary"
          icon={<svg aria-hidden />}
        />
      </ThemeProvider>,
    );
    const chip = chipOf('Completed');
    expect(chip).toHaveClass('MuiChip-outlined', 'MuiChip-sizeSmall');
    expect(chip.style.getPropertyValue('--status-color')).toBe('#1b5e20');
    expect(chip.style.borderColor).toBe('rgb(27, 94, 32)');
    // the icon takes the status colour through the variable
    const icon = screen.getByTestId('icon');
    expect(icon).toHaveClass('MuiChip-icon');
    // (jsdom does not compute var(), so look at the rule itself)
    const css = Array.from(document.querySelectorAll('style'))
      .map(style => style.textContent)
      .join('\n');
    const own = Array.from(icon.classList).filter(c => !c.startsWith('Mui'));
    expect(own).toHaveLength(1);
    expect(css).toMatch(
      new RegExp(`\\.${own[0]} \\{\\s*color: var\\(--status-color\\);`),
    );
    // the words keep the chip's own (body text) colour
    expect(screen.getByText('Completed').style.color).toBe('');

    expect(chipOf('Canceled').style.getPropertyValue('--status-color')).toBe(
      'rgba(0, 0, 0, 0.7)',
    );
  });

  it('takes the main shade of a palette too', () => {
    render(
      <ThemeProvider theme={theme}>
        <StatusChip label="Active" color="success.main" icon={<svg />} />
      </ThemeProvider>,
    );
    expect(chipOf('Active').style.borderColor).toBe('rgb(46, 125, 50)');
  });
});
