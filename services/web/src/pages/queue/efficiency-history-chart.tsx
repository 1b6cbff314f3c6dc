import { useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyCounts } from './queue.types';

const GREEN = '#2e8b47';
const RED = '#c8443b';
const LINE = '#1d2330';

interface Point {
  day: string;
  completed: number;
  failed: number;
  /** Efficiency in percent, null on a day without finished jobs (a gap in the line). */
  efficiency: number | null;
}

/**
 * A queue's days: finished jobs as stacked bars (completed, failed) and the efficiency as a line on its own axis
 * (0–100 %), one point per UTC day; a day without finished jobs leaves a gap.
 */
export function EfficiencyHistoryChart({ items }: { items: readonly DailyCounts[] }) {
  const data = useMemo<Point[]>(
    () =>
      items.map((d) => ({
        day: d.day.slice(5),
        completed: d.completed,
        failed: d.failed,
        efficiency: d.efficiency === null ? null : Math.round(d.efficiency * 1000) / 10,
      })),
    [items],
  );
  return (
    <ComposedChart
      responsive
      data={data}
      style={{ width: '100%', height: 260 }}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="#eceff3" vertical={false} />
      <XAxis dataKey="day" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
      <YAxis yAxisId="jobs" tick={{ fontSize: 11 }} width={44} allowDecimals={false} />
      <YAxis
        yAxisId="eff"
        orientation="right"
        domain={[0, 100]}
        ticks={[0, 50, 100]}
        tick={{ fontSize: 11 }}
        width={40}
        unit="%"
      />
      <Tooltip
        formatter={(value, name) => (name === 'efficiency' ? [`${String(value)} %`, name] : [value, name])}
        labelFormatter={(label) => `day ${typeof label === 'string' ? label : ''} (UTC)`}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar yAxisId="jobs" dataKey="completed" stackId="jobs" fill={GREEN} isAnimationActive={false} />
      <Bar yAxisId="jobs" dataKey="failed" stackId="jobs" fill={RED} isAnimationActive={false} />
      <Line
        yAxisId="eff"
        dataKey="efficiency"
        stroke={LINE}
        strokeWidth={2}
        dot={{ r: 2 }}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
