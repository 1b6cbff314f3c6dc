import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TestTimeline } from '../../api/test-series.types';
import { formatClock, formatDateTime, formatDuration } from '../../components/time';
import { AXIS_TICK, GRID_STROKE, OUTCOME_COLOR } from './chart-colors';

const SERIES = ['completed', 'failed', 'cancelled', 'lost'] as const;

/** Jobs finished per time bucket, stacked by outcome. */
export const OutcomesChart = memo(function OutcomesChart({ timeline }: { timeline: TestTimeline }) {
  const data = timeline.buckets.map((p) => ({ ...p, t: Date.parse(p.at) }));
  const span = data.length > 1 ? data[data.length - 1].t - data[0].t : 0;
  const tick = (t: number): string =>
    span > 36 * 3600e3 ? formatDateTime(t, false, true) : span < 15 * 60e3 ? formatClock(t, true) : formatClock(t);
  const present = SERIES.filter((s) => s === 'completed' || s === 'failed' || data.some((d) => d[s] > 0));
  return (
    <AreaChart
      responsive
      data={data}
      style={{ width: '100%', height: 220 }}
      margin={{ top: 6, right: 12, bottom: 0, left: -8 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={tick}
        tick={AXIS_TICK}
        minTickGap={40}
      />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={44} />
      <Tooltip
        labelFormatter={(t) =>
          `${formatDateTime(Number(t), true)} UTC · ${formatDuration(timeline.bucketSeconds)} bucket`
        }
        contentStyle={{ fontSize: 12 }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} iconSize={10} iconType="square" itemSorter={null} />
      {present.map((s) => (
        <Area
          key={s}
          type="stepAfter"
          dataKey={s}
          name={s}
          stackId="outcomes"
          stroke={OUTCOME_COLOR[s]}
          fill={OUTCOME_COLOR[s]}
          fillOpacity={0.55}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
});
