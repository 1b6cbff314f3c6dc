import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { WallTimeBin } from '../../api/test-series.types';
import { formatDuration } from '../../components/time';
import { AXIS_TICK, GRID_STROKE, OUTCOME_COLOR } from './chart-colors';

function short(seconds: number): string {
  if (seconds < 60) {
    return `${Math.round(seconds)}s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)}m`;
  }
  return `${(seconds / 3600).toFixed(seconds < 36000 ? 1 : 0)}h`;
}

/** Finished jobs by wall time, completed and failed stacked. */
export const WallTimeChart = memo(function WallTimeChart({ bins }: { bins: WallTimeBin[] }) {
  const data = bins.map((b) => ({
    ...b,
    label: short(b.fromSeconds),
    range: `${formatDuration(b.fromSeconds)} – ${formatDuration(b.toSeconds)}`,
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
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={16} />
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
