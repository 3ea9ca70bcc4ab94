import {
  DateRangeFields,
  FilterForm,
  useLocalDateRange,
} from '@ai-ops-console/console-react';
import {
  Box,
  Button,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { FormEvent, useState } from 'react';
import { formatDateTime } from '../../format';
import {
  describeStep,
  MAX_RANGE_MS,
  MetricsParams,
  MetricsWindow,
  RANGE_PRESETS,
  RangePresetId,
  stepChoices,
} from '../../hooks/metricsParams';

const CUSTOM = 'custom';

const useStyles = makeStyles({ field: { minWidth: 180 } });

/** Checks a custom range; undefined when the backend will take it. */
function rangeProblem(from?: string, to?: string): string | undefined {
  if (!from || !to) return 'Enter both the start and the end.';
  const span = Date.parse(to) - Date.parse(from);
  if (span <= 0) return 'The end must be after the start.';
  if (span > MAX_RANGE_MS) return 'The range may be at most 400 days long.';
  return undefined;
}

/**
 * The time range (last hour to last 30 days, or custom from and to), the
 * chart step and a refresh; every choice goes into the URL.
 */
export function RangePicker(props: {
  params: MetricsParams;
  timeWindow: MetricsWindow;
  onChange(change: Partial<MetricsParams>): void;
  onRefresh(): void;
}) {
  const { params, timeWindow, onChange, onRefresh } = props;
  const classes = useStyles();
  const isCustom = !('preset' in params.range);
  const [choosingCustom, setChoosingCustom] = useState(isCustom);
  const dates = useLocalDateRange(timeWindow);
  const [problem, setProblem] = useState<string>();

  // the URL can change under the picker (back, a link): start from it again,
  // without remounting, so that the focused control keeps the focus
  const rangeKey = JSON.stringify(params.range);
  const [shownKey, setShownKey] = useState(rangeKey);
  if (shownKey !== rangeKey) {
    setShownKey(rangeKey);
    setChoosingCustom(isCustom);
    dates.reset(timeWindow);
    setProblem(undefined);
  }

  const selected =
    'preset' in params.range && !choosingCustom ? params.range.preset : CUSTOM;
  const steps = stepChoices(timeWindow.spanMs);

  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    const { from: fromIso, to: toIso } = dates.toRange();
    const found = rangeProblem(fromIso, toIso);
    setProblem(found);
    if (!found) {
      onChange({ range: { from: fromIso!, to: toIso! }, step: undefined });
    }
  };

  return (
    <FilterForm label="Time range" onSubmit={applyCustom}>
      <TextField
        select
        id="ai-metrics-range"
        className={classes.field}
        label="Time range"
        value={selected}
        SelectProps={{ native: true }}
        onChange={e => {
          const value = e.target.value;
          if (value === CUSTOM) {
            setChoosingCustom(true);
            dates.reset(timeWindow);
          } else {
            setChoosingCustom(false);
            setProblem(undefined);
            onChange({
              range: { preset: value as RangePresetId },
              step: undefined,
            });
          }
        }}
      >
        {RANGE_PRESETS.map(preset => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom range</option>
      </TextField>
      {selected === CUSTOM && (
        <>
          <DateRangeFields
            range={dates}
            idPrefix="ai-metrics"
            className={classes.field}
          />
          <Button type="submit" variant="outlined">
            Apply range
          </Button>
        </>
      )}
      <TextField
        select
        id="ai-metrics-step"
        className={classes.field}
        label="Step"
        value={params.step ?? ''}
        SelectProps={{ native: true }}
        // the empty value is the "Auto" option: keep the label above it
        InputLabelProps={{ shrink: true }}
        onChange={e => onChange({ step: e.target.value || undefined })}
      >
        <option value="">Auto ({describeStep(timeWindow.step)})</option>
        {steps.map(step => (
          <option key={step} value={step}>
            {describeStep(step)}
          </option>
        ))}
      </TextField>
      <Button
        variant="outlined"
        startIcon={<RefreshIcon aria-hidden />}
        onClick={onRefresh}
      >
        Refresh
      </Button>
      <Box flexBasis="100%">
        {problem ? (
          <Typography role="alert" color="error" variant="body2">
            {problem}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary" role="status">
            {isCustom ? 'From' : `${timeWindow.label}: from`}{' '}
            {formatDateTime(timeWindow.from)} to {formatDateTime(timeWindow.to)}
          </Typography>
        )}
      </Box>
    </FilterForm>
  );
}
