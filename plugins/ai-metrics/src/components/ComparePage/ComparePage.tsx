import { WidgetBoundary } from '@ai-ops-console/console-react';
import {
  Box,
  FormControl,
  FormControlLabel,
  FormLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { CompareMode } from '../../hooks/useLinks';
import { useMetricsParams } from '../../hooks/useMetricsParams';
import { useModels } from '../../hooks/useModels';
import { listLabel } from '../../labels';
import { CompareTable } from '../CompareTable';
import { EmptyMetrics } from '../EmptyMetrics';
import { LoadError } from '../LoadError';
import { MetricCharts } from '../MetricCharts';
import { MultiSelect } from '../MultiSelect';
import { RangePicker } from '../RangePicker';
import { Section } from '../Section';
import { ViewNav } from '../ViewNav';

/** The URL parameter that says versions of one model are compared. */
const MODE_PARAM = 'compare';

/**
 * Two or more models, or two or more versions of one model, side by side:
 * a table of their figures over the range and their charts over time. The
 * choice is in the URL: `?model=a&model=b`, or
 * `?model=a&version=v1&version=v2` (with `compare=versions` while fewer
 * than two versions are chosen).
 */
export function ComparePage() {
  const { params, timeWindow, update, refresh, search } = useMetricsParams();
  const models = useModels();
  const { models: chosen, versions } = params;
  const mode: CompareMode =
    search.get(MODE_PARAM) === 'versions' || versions.length
      ? 'versions'
      : 'models';
  const model = mode === 'versions' ? chosen[0] : undefined;

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
    const versionOptions = known.find(m => m.model === model)?.versions ?? [];
    const ready =
      mode === 'versions' ? versions.length >= 2 : chosen.length >= 2;
    const heading =
      mode === 'versions' && model
        ? `Compare versions of ${model}`
        : 'Compare models';
    const compared = mode === 'versions' ? versions : chosen;
    const caption = `${
      mode === 'versions'
        ? `Versions ${listLabel(versions)} of ${model}`
        : listLabel(chosen)
    } side by side, ${timeWindow.label.replace(/^Last/, 'last')}`;

    body = (
      <>
        <WidgetBoundary what="the choice of what to compare">
          <Box
            component="form"
            aria-label="What to compare"
            display="flex"
            flexWrap="wrap"
            alignItems="flex-end"
            gridGap={24}
            onSubmit={e => e.preventDefault()}
          >
            <FormControl component="fieldset">
              <FormLabel component="legend">Compare</FormLabel>
              <RadioGroup
                row
                name="ai-metrics-compare-mode"
                value={mode}
                onChange={e => {
                  if (e.target.value === 'versions') {
                    update(
                      { models: chosen.slice(0, 1), versions: [] },
                      { [MODE_PARAM]: 'versions' },
                    );
                  } else {
                    update({ versions: [] }, { [MODE_PARAM]: undefined });
                  }
                }}
              >
                <FormControlLabel
                  value="models"
                  control={<Radio />}
                  label="Models"
                />
                <FormControlLabel
                  value="versions"
                  control={<Radio />}
                  label="Versions of one model"
                />
              </RadioGroup>
            </FormControl>
            {mode === 'models' ? (
              <MultiSelect
                id="ai-metrics-compare-models"
                label="Models"
                emptyText="Choose two or more"
                options={known.map(m => m.model)}
                value={chosen}
                onChange={next => update({ models: next, versions: [] })}
              />
            ) : (
              <>
                <TextField
                  select
                  id="ai-metrics-compare-model"
                  label="Model"
                  value={model ?? ''}
                  SelectProps={{ native: true }}
                  InputLabelProps={{ shrink: true }}
                  helperText=" "
                  onChange={e =>
                    update(
                      {
                        models: e.target.value ? [e.target.value] : [],
                        versions: [],
                      },
                      { [MODE_PARAM]: 'versions' },
                    )
                  }
                >
                  <option value="">Choose a model</option>
                  {known.map(m => (
                    <option key={m.model} value={m.model}>
                      {m.model}
                    </option>
                  ))}
                </TextField>
                <MultiSelect
                  id="ai-metrics-compare-versions"
                  label="Versions"
                  emptyText={
                    model ? 'Choose two or more' : 'Choose a model first'
                  }
                  options={versionOptions}
                  value={versions}
                  disabled={!model}
                  onChange={next =>
                    update({ versions: next }, { [MODE_PARAM]: 'versions' })
                  }
                />
              </>
            )}
          </Box>
        </WidgetBoundary>
        <Typography variant="h5" component="h2">
          {heading}
        </Typography>
        {ready ? (
          <>
            <Section title="Side by side" what="the comparison">
              <CompareTable
                timeWindow={timeWindow}
                models={chosen}
                versions={mode === 'versions' ? versions : undefined}
                caption={caption}
              />
            </Section>
            <Section title="Over time" what="the charts">
              <MetricCharts
                timeWindow={timeWindow}
                models={chosen}
                versions={mode === 'versions' ? versions : undefined}
                groupBy={mode === 'versions' ? 'version' : 'model'}
                versionOnly={mode === 'versions'}
              />
            </Section>
          </>
        ) : (
          <Typography role="status">
            {mode === 'versions'
              ? `Choose a model and two or more of its versions to compare them${
                  compared.length ? ` (${compared.length} chosen)` : ''
                }.`
              : `Choose two or more models to compare them${
                  compared.length ? ` (${compared.length} chosen)` : ''
                }.`}
          </Typography>
        )}
      </>
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <ViewNav current="compare" />
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
