import { WidgetBoundary } from '@ai-ops-console/console-react';
import { Box, LinearProgress, Typography } from '@material-ui/core';
import { useMetricsParams } from '../../hooks/useMetricsParams';
import { useModels } from '../../hooks/useModels';
import { keyLabel, listLabel } from '../../labels';
import { EmptyMetrics } from '../EmptyMetrics';
import { LoadError } from '../LoadError';
import { MetricCharts } from '../MetricCharts';
import { ModelFilter } from '../ModelFilter';
import { RangePicker } from '../RangePicker';
import { Section } from '../Section';
import { SummaryCards } from '../SummaryCards';
import { TopModels } from '../TopModels';
import { ViewNav } from '../ViewNav';

/** What the dashboard shows, in words: `every model`, `gpt-4o and o3`. */
function describeFilter(models: string[], versions: string[]): string {
  if (!models.length) return 'every model';
  if (versions.length) {
    return listLabel(
      versions.map(version => keyLabel({ model: models[0], version })),
    );
  }
  return listLabel(models);
}

/**
 * The dashboard: a summary card per model, charts over time and the top
 * models, for a range and filters kept in the URL.
 */
export function DashboardPage() {
  const { params, timeWindow, update, refresh } = useMetricsParams();
  const models = useModels();

  let body;
  if (models.error && !models.value) {
    body = (
      <LoadError
        what="the list of models"
        error={models.error}
        onRetry={models.retry}
      />
    );
  } else if (!models.value) {
    body = <LinearProgress aria-label="Loading models" />;
  } else if (!models.value.items.length) {
    body = <EmptyMetrics />;
  } else {
    const known = models.value.items;
    const { models: chosen, versions } = params;
    body = (
      <>
        <WidgetBoundary what="the model filter">
          <ModelFilter
            known={known}
            models={chosen}
            versions={versions}
            onChange={update}
          />
        </WidgetBoundary>
        <Typography>
          Showing {describeFilter(chosen, versions)},{' '}
          {timeWindow.label.replace(/^Last/, 'last')}.
        </Typography>
        <Section title="Summary" what="the summaries">
          <SummaryCards
            timeWindow={timeWindow}
            models={chosen}
            versions={versions}
            known={known}
          />
        </Section>
        <Section title="Over time" what="the charts">
          <MetricCharts
            timeWindow={timeWindow}
            models={chosen}
            versions={versions}
            groupBy={versions.length ? 'version' : 'model'}
          />
        </Section>
        <Section title="Top models" what="the top models">
          <TopModels timeWindow={timeWindow} />
        </Section>
      </>
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <ViewNav current="dashboard" />
      <WidgetBoundary what="the time range">
        <RangePicker
          params={params}
          timeWindow={timeWindow}
          onChange={update}
          onRefresh={() => {
            refresh();
            models.retry();
          }}
        />
      </WidgetBoundary>
      {body}
    </Box>
  );
}
