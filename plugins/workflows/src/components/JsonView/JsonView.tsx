import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useMemo, useState } from 'react';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
    overflowX: 'auto',
    maxHeight: 480,
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  key: { fontFamily: 'monospace', textTransform: 'none' },
  preview: { marginLeft: theme.spacing(1), fontFamily: 'monospace' },
}));

/** JSON as text: React escapes it, so markup in data is shown, never run. */
export function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A short description of a collapsed value. */
function preview(value: unknown): string {
  if (Array.isArray(value)) {
    return `array, ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return `object, ${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  const text = toJsonText(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Entries shorter than this are shown open at first. */
const OPEN_BELOW = 400;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Shows a JSON value as escaped text in `<pre>`. An object gets one disclosure
 * button per top-level key, plus Expand all / Collapse all.
 */
export function JsonView(props: {
  value: unknown;
  /** Names the value for assistive technology, e.g. "Input". */
  label: string;
}) {
  const { value, label } = props;
  const classes = useStyles();
  const baseId = useId();
  const entries = useMemo(
    () =>
      isRecord(value)
        ? Object.entries(value).map(([key, v]) => ({
            key,
            value: v,
            text: toJsonText(v),
          }))
        : [],
    [value],
  );
  // only what the user chose; short entries start open
  const [open, setOpen] = useState<Record<string, boolean>>({});

  if (value === undefined) {
    return <Typography color="textSecondary">None</Typography>;
  }
  if (!isRecord(value) || entries.length === 0) {
    return (
      // a plain <pre> may not carry a name; a group may
      <pre className={classes.pre} role="group" aria-label={label}>
        {toJsonText(value)}
      </pre>
    );
  }

  const setAll = (isOpen: boolean) =>
    setOpen(Object.fromEntries(entries.map(e => [e.key, isOpen])));

  return (
    <Box role="group" aria-label={label}>
      <Box display="flex" gridGap={8} mb={1}>
        <Button size="small" onClick={() => setAll(true)}>
          Expand all
        </Button>
        <Button size="small" onClick={() => setAll(false)}>
          Collapse all
        </Button>
      </Box>
      <ul className={classes.list}>
        {entries.map((entry, index) => {
          const isOpen = open[entry.key] ?? entry.text.length < OPEN_BELOW;
          const regionId = `${baseId}-${index}`;
          return (
            <li key={entry.key}>
              <Button
                size="small"
                aria-expanded={isOpen}
                aria-controls={regionId}
                startIcon={
                  isOpen ? (
                    <ExpandMoreIcon aria-hidden />
                  ) : (
                    <ChevronRightIcon aria-hidden />
                  )
                }
                className={classes.key}
                onClick={() => setOpen(o => ({ ...o, [entry.key]: !isOpen }))}
              >
                {entry.key}
              </Button>
              {!isOpen && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  className={classes.preview}
                >
                  {preview(entry.value)}
                </Typography>
              )}
              <pre id={regionId} className={classes.pre} hidden={!isOpen}>
                {entry.text}
              </pre>
            </li>
          );
        })}
      </ul>
    </Box>
  );
}
