import { Content, Header, Page } from '@backstage/core-components';
import { makeStyles, Theme, ThemeProvider } from '@material-ui/core';
import { ReactNode, useLayoutEffect, useState } from 'react';
import { PageRouting } from './PageRouting';
import { withReadableSecondaryText } from './readableText';

const useStyles = makeStyles({
  // Inside a new-frontend-system page the app shell draws the header and
  // scrolls the window; Page's own full-height scroll box would add a second
  // scroll bar below that header.
  inShell: { height: 'auto', overflowY: 'visible' },
  // A link inside running text must not be told apart by its colour alone
  // (WCAG 1.4.1): links in tables, navigation and buttons keep their look.
  content: { '& p a': { textDecoration: 'underline' } },
});

/**
 * The colour the app paints behind its pages (the body's background), when
 * it paints one; the theme's `background.default` stands for it otherwise.
 */
function useAppBackground(): string | undefined {
  const [background, setBackground] = useState<string>();
  useLayoutEffect(() => {
    const color = getComputedStyle(document.body).backgroundColor;
    if (color && color !== 'transparent' && color !== 'rgba(0, 0, 0, 0)') {
      setBackground(color);
    }
  }, []);
  return background;
}

export type PluginPageProps = {
  /** The page's h1, unless the host draws the header. */
  title: string;
  subtitle?: string;
  /**
   * False where the host app draws the page header with the same title (the
   * new frontend system's page shell does); true unless given.
   */
  header?: boolean;
  children: ReactNode;
};

/**
 * A plugin's page in Backstage's layout, in either frontend system: `Page`
 * and `Content` always, `Header` (the page's only h1) unless the host draws
 * one, routing for links in both systems, secondary text readable at AA on
 * the host theme's page background, and links in running text underlined.
 */
export function PluginPage(props: PluginPageProps) {
  const header = props.header ?? true;
  const classes = useStyles();
  const background = useAppBackground();
  return (
    <PageRouting>
      <ThemeProvider
        theme={(outer: Theme) => withReadableSecondaryText(outer, background)}
      >
        <Page themeId="tool" className={header ? undefined : classes.inShell}>
          {header && <Header title={props.title} subtitle={props.subtitle} />}
          <Content className={classes.content}>{props.children}</Content>
        </Page>
      </ThemeProvider>
    </PageRouting>
  );
}
