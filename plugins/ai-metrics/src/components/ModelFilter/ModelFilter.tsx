import { AiMetricsModel } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { Box, Button } from '@material-ui/core';
import { MetricsParams } from '../../hooks/metricsParams';
import { MultiSelect } from '../MultiSelect';

/**
 * Which models, and versions of one model, the dashboard shows; kept in the
 * URL as repeated `model` and `version` parameters.
 */
export function ModelFilter(props: {
  known: AiMetricsModel[];
  models: string[];
  versions: string[];
  onChange(change: Partial<MetricsParams>): void;
}) {
  const { known, models, versions, onChange } = props;
  const one = models.length === 1 ? models[0] : undefined;
  const versionOptions = one
    ? known.find(m => m.model === one)?.versions ?? []
    : [];
  return (
    <Box
      component="form"
      aria-label="Filter by model"
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      gridGap={16}
      onSubmit={e => e.preventDefault()}
    >
      <MultiSelect
        id="ai-metrics-models"
        label="Models"
        emptyText="All models"
        options={known.map(m => m.model)}
        value={models}
        onChange={next =>
          onChange({
            models: next,
            // versions belong to the one model chosen before
            versions: next.length === 1 && next[0] === one ? versions : [],
          })
        }
      />
      <MultiSelect
        id="ai-metrics-versions"
        label="Versions"
        emptyText={one ? 'All versions' : 'Choose one model first'}
        options={versionOptions}
        value={versions}
        disabled={!one}
        helperText={one ? ' ' : 'Versions can be chosen for one model'}
        onChange={next => onChange({ versions: next })}
      />
      {models.length > 0 && (
        <Box mb={3}>
          <Button
            variant="text"
            onClick={() => onChange({ models: [], versions: [] })}
          >
            Clear filters
          </Button>
        </Box>
      )}
    </Box>
  );
}
