import { WidgetBoundary } from '@ai-ops-console/console-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { AiMetricsSeriesResponse } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import {
  Grid,
  LinearProgress,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { useId, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { AiMetricsGroupBy, aiMetricsApiRef } from '../../api';
import { describeSeconds, MetricsWindow } from '../../hooks/metricsParams';
import { keyLabel } from '../../labels';
import { LoadError } from '../LoadError';
import { ChartLine, MetricChart } from '../MetricChart';
import { CHART_SPECS, ChartSpec } from './chartSpecs';

const ALL = 'all';

const useStyles = makeStyles({
  select: { minWidth: 140 },
});

/** The lines of one chart: a line per series and plotted measure. */
export function linesOf(
  spec: ChartSpec,
  response: AiMetricsSeriesResponse,
  options: { measure: string; groupBy: AiMetricsGroupBy; versionOnly: boolean },
): ChartLine[] {
  const measures = spec.measures
    .map((measure, index) => ({ measure, index }))
    .filter(m => options.measure === ALL || m.measure.id === options.measure);
  const lines: ChartLine[] = [];
  response.series.forEach((series, seriesIndex) => {
    const label = keyLabel(series, {
      groupedByVersion: options.groupBy === 'version',
      versionOnly: options.versionOnly,
    });
    for (const { measure, index } of measures) {
      let name = label;
      if (spec.measures.length > 1) {
        name =
          response.series.length > 1
            ? `${label} ${measure.label}`
            : measure.label;
      }
      lines.push({
        name,
        series: seriesIndex,
        measure: index,
        values: series.points.map(point => measure.value(point)),
      });
    }
  });
  return lines;
}

function Chart(props: {
  spec: ChartSpec;
  response: AiMetricsSeriesResponse;
  groupBy: AiMetricsGroupBy;
  versionOnly: boolean;
}) {
  const { spec, response, groupBy, versionOnly } = props;
  const classes = useStyles();
  const selectId = useId();
  const several = response.series.length > 1;
  const [picked, setPicked] = useState<string>();
  const measure = picked ?? (several ? spec.defaultMeasure : ALL);
  const lines = useMemo(
    () => linesOf(spec, response, { measure, groupBy, versionOnly }),
    [spec, response, measure, groupBy, versionOnly],
  );
  const times = response.series[0]?.points.map(p => p.time) ?? [];
  const plotted =
    measure === ALL
      ? spec.measures.map(m => m.label).join(', ')
      : spec.measures.find(m => m.id === measure)?.label;

  return (
    <MetricChart
      title={spec.title}
      description={
        spec.measures.length > 1 ? `${plotted} ${spec.unit}` : spec.unit
      }
      times={times}
      stepSeconds={response.stepSeconds}
      lines={lines}
      format={spec.format}
      formatAxis={spec.formatAxis}
      domain={spec.domain}
      controls={
        spec.measures.length > 1 && (
          <TextField
            select
            id={selectId}
            size="small"
            className={classes.select}
            label={spec.measureLabel}
            value={measure}
            onChange={e => setPicked(e.target.value)}
            SelectProps={{ native: true }}
          >
            <option value={ALL}>All</option>
            {spec.measures.map(m => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </TextField>
        )
      }
    />
  );
}

/**
 * Charts over time of latency, error rate, requests, tokens, cost and
 * accuracy, one line per model (or version), each chart with its table.
 */
export function MetricCharts(props: {
  timeWindow: MetricsWindow;
  models?: string[];
  versions?: string[];
  groupBy: AiMetricsGroupBy;
  /** Name versions alone (the comparison of versions of one model). */
  versionOnly?: boolean;
}) {
  const { timeWindow, groupBy, versionOnly = false } = props;
  const api = useApi(aiMetricsApiRef);
  const models = props.models?.length ? props.models : undefined;
  const versions = props.versions?.length ? props.versions : undefined;
  const key = JSON.stringify([models, versions]);

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.getSeries({
        from: timeWindow.from,
        to: timeWindow.to,
        step: timeWindow.step,
        models,
        versions,
        groupBy,
      }),
    // the lists are compared by value
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, timeWindow, key, groupBy],
  );

  if (error) {
    return <LoadError what="the charts" error={error} onRetry={retry} />;
  }
  if (!value) {
    return <LinearProgress aria-label="Loading charts" />;
  }
  const calls = value.series.some(s => s.points.some(p => p.requests > 0));
  return (
    <>
      {loading && <LinearProgress aria-label="Updating charts" />}
      <Typography variant="body2" color="textSecondary" paragraph>
        Each point covers {describeSeconds(value.stepSeconds)}
        {timeWindow.autoStep ? ' (chosen to fit the range)' : ''}.
      </Typography>
      {calls ? (
        <Grid container spacing={3}>
          {CHART_SPECS.map(spec => (
            <Grid item xs={12} lg={6} key={spec.id}>
              <WidgetBoundary
                what={`the ${spec.title.toLocaleLowerCase('en-US')} chart`}
              >
                <Chart
                  spec={spec}
                  response={value}
                  groupBy={groupBy}
                  versionOnly={versionOnly}
                />
              </WidgetBoundary>
            </Grid>
          ))}
        </Grid>
      ) : (
        <Typography>No calls in this range.</Typography>
      )}
    </>
  );
}
