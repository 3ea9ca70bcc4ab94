import {
  DateRangeFields,
  FilterActions,
  FilterForm,
  useLocalDateRange,
} from '@ai-ops-console/console-react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Checkbox,
  ListItemText,
  makeStyles,
  MenuItem,
  TextField,
} from '@material-ui/core';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { WorkflowFilter, workflowsApiRef } from '../../api';

const useStyles = makeStyles({ field: { minWidth: 200 } });

/**
 * Type, who started it, id prefix and time range. Types apply at once; the
 * text and time fields apply with the Apply button (or Enter), so typing does
 * not reload the list on every key.
 */
export function ExecutionFilters(props: {
  filter: WorkflowFilter;
  onChange(filter: WorkflowFilter): void;
}) {
  const { filter, onChange } = props;
  const classes = useStyles();
  const api = useApi(workflowsApiRef);
  const types = useAsync(() => api.listTypes(), [api]);
  const [idPrefix, setIdPrefix] = useState(filter.idPrefix ?? '');
  const [startedBy, setStartedBy] = useState(filter.startedBy ?? '');
  const dates = useLocalDateRange(filter);

  // The text fields start again from the URL when it changes under them
  // (Apply, Clear, back and forward). The form is not remounted for it, so
  // the button or field the reader used keeps the focus.
  const urlText = [filter.idPrefix, filter.startedBy, filter.from, filter.to]
    .map(v => v ?? '')
    .join('|');
  const [textFor, setTextFor] = useState(urlText);
  if (textFor !== urlText) {
    setTextFor(urlText);
    setIdPrefix(filter.idPrefix ?? '');
    setStartedBy(filter.startedBy ?? '');
    dates.reset(filter);
  }

  const selectedTypes = filter.type ?? [];
  const typeOptions = [
    ...(types.value ?? []).map(t => ({ name: t.name, title: t.title })),
    // keep a type from the URL selectable even if it is not registered (any more)
    ...selectedTypes
      .filter(name => !types.value?.some(t => t.name === name))
      .map(name => ({ name, title: name })),
  ];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({
      ...filter,
      idPrefix: idPrefix.trim() || undefined,
      startedBy: startedBy.trim() || undefined,
      ...dates.toRange(),
    });
  };

  const clear = () => {
    setIdPrefix('');
    setStartedBy('');
    dates.reset();
    onChange({});
  };

  return (
    <FilterForm label="Filter executions" onSubmit={apply}>
      <TextField
        select
        className={classes.field}
        id="workflows-filter-type"
        label="Workflow types"
        value={selectedTypes}
        helperText={types.error ? 'Types could not be loaded' : ' '}
        SelectProps={{
          multiple: true,
          renderValue: value =>
            (value as string[]).length ? (value as string[]).join(', ') : 'All',
          displayEmpty: true,
        }}
        InputLabelProps={{ shrink: true }}
        onChange={e => {
          const value = e.target.value as unknown as string[];
          onChange({ ...filter, type: value.length ? value : undefined });
        }}
      >
        {typeOptions.map(option => (
          <MenuItem key={option.name} value={option.name}>
            <Checkbox
              checked={selectedTypes.includes(option.name)}
              size="small"
              inputProps={{ 'aria-hidden': true }}
              tabIndex={-1}
            />
            <ListItemText primary={option.title} secondary={option.name} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        className={classes.field}
        id="workflows-filter-id-prefix"
        label="Workflow ID starts with"
        value={idPrefix}
        onChange={e => setIdPrefix(e.target.value)}
        helperText=" "
      />
      <TextField
        className={classes.field}
        id="workflows-filter-started-by"
        label="Started by"
        placeholder="user:default/jane.doe"
        value={startedBy}
        onChange={e => setStartedBy(e.target.value)}
        InputLabelProps={{ shrink: true }}
        helperText=" "
      />
      <DateRangeFields
        range={dates}
        idPrefix="workflows-filter"
        fromLabel="Started from"
        toLabel="Started until"
        className={classes.field}
        helperText=" "
      />
      <FilterActions onClear={clear} mb={3} />
    </FilterForm>
  );
}
