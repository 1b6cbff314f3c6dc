import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TestTimeline } from '../../api/test-series.types';
import { formatDateTime, formatDuration } from '../../components/time';
import { AXIS_TICK, GRID_STROKE, OUTCOME_COLOR } from './chart-colors';

const SERIES = ['completed', 'failed', 'cancelled', 'lost'] as const;

/** Tick steps (seconds) the time axis may use: each a whole multiple of the UTC second, minute, hour or day. */
const STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000,
];
const MAX_TICKS = 6;
const DAY_MS = 86400e3;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Ticks at whole multiples of a step no shorter than a bucket, at most `MAX_TICKS`, and a label format as precise as
 * the step: `03:14:20` for steps under a minute, `03:15` under a day, with the date (`11-24 03:00`, `11-24`) when the
 * span crosses days. Two ticks are a step apart, so their labels always differ.
 */
function timeTicks(from: number, to: number, bucketSeconds: number): { ticks: number[]; format(t: number): string } {
  const span = Math.max(0, to - from);
  const step = STEPS.find((s) => s >= bucketSeconds && span / (s * 1000) <= MAX_TICKS - 1) ?? STEPS[STEPS.length - 1];
  const stepMs = step * 1000;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / stepMs) * stepMs; t <= to; t += stepMs) {
    ticks.push(t);
  }
  const crossesDays = Math.floor(from / DAY_MS) !== Math.floor(to / DAY_MS);
  const format = (t: number): string => {
    const d = new Date(t);
    const date = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    if (step >= 86400) {
      return date;
    }
    if (step < 60) {
      return `${clock}:${pad(d.getUTCSeconds())}`;
    }
    return crossesDays ? `${date} ${clock}` : clock;
  };
  return { ticks, format };
}

/** Jobs finished per time bucket, stacked by outcome. */
export const OutcomesChart = memo(function OutcomesChart({ timeline }: { timeline: TestTimeline }) {
  const data = timeline.buckets.map((p) => ({ ...p, t: Date.parse(p.at) }));
  const axis = timeTicks(data[0]?.t ?? 0, data[data.length - 1]?.t ?? 0, timeline.bucketSeconds);
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
        ticks={axis.ticks}
        tickFormatter={axis.format}
        tick={AXIS_TICK}
        minTickGap={8}
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
