import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { WallTimeBin } from '../../api/test-series.types';
import { AXIS_TICK, GRID_STROKE, OUTCOME_COLOR } from './chart-colors';

const UNITS = [
  { suffix: 'ms', seconds: 0.001 },
  { suffix: 's', seconds: 1 },
  { suffix: 'm', seconds: 60 },
  { suffix: 'h', seconds: 3600 },
] as const;

/**
 * A formatter of the bins' bounds with the precision their width needs: `250ms`, `0.50s`, `2.5s`, `12m`, `1.5h`. The
 * unit is chosen from the longest bound (ms only when every bound is under a second); the decimals are the fewest
 * that write the bin width exactly and give every bin a label of its own (so never `1s 1s 1s 2s`).
 */
function wallTimeFormatter(bins: readonly WallTimeBin[]): (seconds: number) => string {
  if (bins.length === 0) {
    return (s) => `${s}s`;
  }
  const width = bins[0].toSeconds - bins[0].fromSeconds;
  const max = bins[bins.length - 1].toSeconds;
  const unit = max < 1 ? UNITS[0] : max < 120 ? UNITS[1] : max < 7200 ? UNITS[2] : UNITS[3];
  const make = (decimals: number) => (s: number) => `${(s / unit.seconds).toFixed(decimals)}${unit.suffix}`;
  for (let decimals = 0; decimals < 3; decimals++) {
    const scaled = (width / unit.seconds) * 10 ** decimals;
    const exact = Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled);
    const format = make(decimals);
    if (exact && new Set(bins.map((b) => format(b.fromSeconds))).size === bins.length) {
      return format;
    }
  }
  return make(3);
}

/** Finished jobs by wall time, completed and failed stacked. */
export const WallTimeChart = memo(function WallTimeChart({ bins }: { bins: WallTimeBin[] }) {
  const format = wallTimeFormatter(bins);
  const data = bins.map((b) => ({
    ...b,
    label: format(b.fromSeconds),
    range: `${format(b.fromSeconds)} – ${format(b.toSeconds)}`,
  }));
  return (
    <BarChart
      responsive
      data={data}
      style={{ width: '100%', height: 220 }}
      barCategoryGap={1}
      margin={{ top: 6, right: 12, bottom: 0, left: -8 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={44} />
      <Tooltip
        labelFormatter={(_label, payload) => {
          const first = payload?.[0]?.payload as { range?: string } | undefined;
          return `wall time ${first?.range ?? ''}`;
        }}
        contentStyle={{ fontSize: 12 }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} iconSize={10} itemSorter={null} />
      <Bar dataKey="completed" stackId="w" fill={OUTCOME_COLOR.completed} isAnimationActive={false} />
      <Bar dataKey="failed" stackId="w" fill={OUTCOME_COLOR.failed} isAnimationActive={false} />
    </BarChart>
  );
});
