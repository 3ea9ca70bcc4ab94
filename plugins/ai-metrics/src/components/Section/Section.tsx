import { WidgetBoundary } from '@ai-ops-console/console-react';
import { Box, Card, CardContent, Typography } from '@material-ui/core';
import { ReactNode, useId } from 'react';

/**
 * A titled part of a view; its heading names the region, and a failure while
 * rendering it stays inside it.
 */
export function Section(props: {
  title: string;
  /** What a failure names, e.g. "the summary cards"; the title by default. */
  what?: string;
  /** Controls beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card component="section" aria-labelledby={id}>
      <CardContent>
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          gridGap={16}
          mb={2}
        >
          <Typography id={id} variant="h5" component="h2" style={{ flex: 1 }}>
            {props.title}
          </Typography>
          {props.actions}
        </Box>
        <WidgetBoundary
          what={props.what ?? props.title.toLocaleLowerCase('en-US')}
        >
          {props.children}
        </WidgetBoundary>
      </CardContent>
    </Card>
  );
}
