import { ReactNode } from 'react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  createUnifiedTheme,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import { makeStyles } from '@material-ui/core/styles';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

/**
 * Backstage's light and dark themes with secondary text dark (or light)
 * enough for WCAG AA contrast (4.5:1) on the page background: MUI's default
 * secondary text (54% black) gives field labels and helper text 4.3:1 on
 * Backstage's light grey.
 */
export const consoleLightTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    text: { primary: 'rgba(0, 0, 0, 0.87)', secondary: 'rgba(0, 0, 0, 0.7)' },
    textSubtle: '#595959',
  },
});

export const consoleDarkTheme = createUnifiedTheme({
  palette: {
    ...palettes.dark,
    text: { primary: '#FFFFFF', secondary: 'rgba(255, 255, 255, 0.78)' },
    textSubtle: '#D0D0D0',
  },
});

const useFocusStyles = makeStyles(theme => ({
  '@global': {
    // every control shows where the keyboard focus is, not only MUI's
    // ripple or tint, which some controls barely show
    ':focus-visible': {
      outline: `2px solid ${
        theme.palette.type === 'dark' ? '#9CC9FF' : '#1F5493'
      }`,
      outlineOffset: 2,
    },
  },
}));

function FocusStyles(props: { children: ReactNode }) {
  useFocusStyles();
  return <>{props.children}</>;
}

const lightTheme = ThemeBlueprint.make({
  name: 'light',
  params: {
    theme: {
      id: 'light',
      title: 'Light Theme',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={consoleLightTheme}>
          <FocusStyles>{children}</FocusStyles>
        </UnifiedThemeProvider>
      ),
    },
  },
});

const darkTheme = ThemeBlueprint.make({
  name: 'dark',
  params: {
    theme: {
      id: 'dark',
      title: 'Dark Theme',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={consoleDarkTheme}>
          <FocusStyles>{children}</FocusStyles>
        </UnifiedThemeProvider>
      ),
    },
  },
});

/** The console's themes, in place of the app plugin's light and dark ones. */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [lightTheme, darkTheme],
});
