import {
  Box,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ReactNode, useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDateTime, formatTick } from '../../format';
import { describeSeconds } from '../../hooks/metricsParams';

/** Distinct hues that keep their contrast on light and dark themes. */
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#e6550d',
  '#17becf',
  '#8c564b',
  '#e377c2',
];
/** Solid, dashed, dotted: lines of one series differ by more than colour. */
const DASHES = [undefined, '8 4', '2 3'];

const HEIGHT = 260;

/** One plotted line: a series, or one measure of a series. */
export type ChartLine = {
  name: string;
  values: Array<number | null>;
  /** Which series it belongs to (its colour). */
  series: number;
  /** Which measure of the series it is (its dash pattern). */
  measure: number;
};

const useStyles = makeStyles(theme => ({
  tableBox: { maxHeight: 360, overflow: 'auto' },
  caption: {
    captionSide: 'top',
    textAlign: 'left',
    color: theme.palette.text.secondary,
  },
}));

/** The chart's numbers as a table: one row per step, one column per line. */
function ChartTable(props: {
  id: string;
  caption: string;
  times: string[];
  lines: ChartLine[];
  format: (value: number | null) => string;
}) {
  const { id, caption, times, lines, format } = props;
  const classes = useStyles();
  return (
    // a scrolling region is reachable and named for keyboard users
    <Box
      id={id}
      className={classes.tableBox}
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <Table size="small" stickyHeader>
        <caption className={classes.caption}>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Time
            </TableCell>
            {lines.map((line, i) => (
              <TableCell key={i} component="th" scope="col" align="right">
                {line.name}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {times.map((time, row) => (
            <TableRow key={time}>
              <TableCell component="th" scope="row" role="rowheader">
                <time dateTime={time}>{formatDateTime(time)}</time>
              </TableCell>
              {lines.map((line, i) => (
                <TableCell key={i} align="right">
                  {format(line.values[row])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * A line chart over time with a table of the same numbers behind a visible
 * "Show as table" toggle. The chart is one image for assistive technology,
 * named by what it plots; the table carries the values.
 */
export function MetricChart(props: {
  /** `Latency` */
  title: string;
  /** What the lines measure, with the unit: `p95 latency in milliseconds`. */
  description: string;
  /** Start of each step, ISO 8601. */
  times: string[];
  stepSeconds: number;
  lines: ChartLine[];
  /** A value with its unit, for the tooltip and the table. */
  format: (value: number | null) => string;
  /** A short value for the axis. */
  formatAxis: (value: number) => string;
  /** Fixed axis bounds, e.g. [0, 1] for ratios. */
  domain?: [number, number | 'auto'];
  /** Controls beside the title, such as which percentiles to plot. */
  controls?: ReactNode;
}) {
  const { title, description, times, stepSeconds, lines, format } = props;
  const headingId = useId();
  const tableId = useId();
  const [asTable, setAsTable] = useState(false);

  const stepMs = stepSeconds * 1000;
  const first = times[0];
  const last = times[times.length - 1];
  const spanMs = first && last ? Date.parse(last) - Date.parse(first) : 0;
  const every = describeSeconds(stepSeconds);
  const range =
    first && last
      ? `from ${formatDateTime(first)} to ${formatDateTime(last)}`
      : '';
  const names = lines.map(l => l.name).join('; ');
  const summary = `Line chart of ${description}, ${range}, one point every ${every}. Lines: ${names}. The same numbers are in the table shown by "Show as table".`;
  const caption = `${title}: ${description}, one row every ${every}`;

  // recharts reads values by key: the lines are keyed by index, never by name
  const data = useMemo(
    () =>
      times.map((time, row) => {
        const point: Record<string, number | null> = { time: Date.parse(time) };
        lines.forEach((line, i) => {
          point[`l${i}`] = line.values[row] ?? null;
        });
        return point;
      }),
    [times, lines],
  );

  return (
    <Box component="figure" m={0} aria-labelledby={headingId}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
        <Typography
          id={headingId}
          variant="h6"
          component="h3"
          style={{ flex: 1 }}
        >
          {title}
        </Typography>
        {props.controls}
        <Button
          size="small"
          variant="outlined"
          aria-controls={asTable ? tableId : undefined}
          aria-label={`${
            asTable ? 'Show as chart' : 'Show as table'
          }: ${title}`}
          onClick={() => setAsTable(v => !v)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </Button>
      </Box>
      {asTable ? (
        <ChartTable
          id={tableId}
          caption={caption}
          times={times}
          lines={lines}
          format={format}
        />
      ) : (
        <div role="img" aria-label={summary}>
          <ResponsiveContainer
            width="100%"
            height={HEIGHT}
            // jsdom and the first paint have no layout: start from a size
            initialDimension={{ width: 640, height: HEIGHT }}
          >
            <LineChart
              data={data}
              accessibilityLayer={false}
              margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(ms: number) => formatTick(ms, spanMs, stepMs)}
                minTickGap={24}
              />
              <YAxis
                tickFormatter={props.formatAxis}
                domain={props.domain ?? [0, 'auto']}
                width={72}
              />
              <Tooltip
                labelFormatter={(ms: unknown) =>
                  formatDateTime(new Date(Number(ms)).toISOString())
                }
                formatter={(value: unknown) =>
                  format(typeof value === 'number' ? value : null)
                }
              />
              <Legend />
              {lines.map((line, i) => (
                <Line
                  key={i}
                  dataKey={`l${i}`}
                  name={line.name}
                  type="linear"
                  stroke={COLORS[line.series % COLORS.length]}
                  strokeDasharray={DASHES[line.measure % DASHES.length]}
                  strokeWidth={2}
                  dot={times.length <= 30}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </Box>
  );
}
