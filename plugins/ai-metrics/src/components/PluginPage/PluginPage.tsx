import { Content, Header, Page } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  // Inside a new-frontend-system page the app shell draws the header and
  // scrolls the window; Page's own full-height scroll box would add a second
  // scroll bar below that header.
  inShell: { height: 'auto', overflowY: 'visible' },
});

/**
 * The plugin's page in Backstage's layout: `Page` and `Content` always, and
 * `Header` (the page's only h1) unless the host already draws one. The new
 * frontend system's page shell draws a header with the same title, so the
 * `./alpha` page passes `header={false}`; an old app gets it from here.
 */
export function PluginPage(props: {
  title: string;
  subtitle?: string;
  header: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Page themeId="tool" className={props.header ? undefined : classes.inShell}>
      {props.header && <Header title={props.title} subtitle={props.subtitle} />}
      <Content>{props.children}</Content>
    </Page>
  );
}
