import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { QueueStats } from '../../api/test-series.types';
import { AXIS_TICK, GRID_STROKE } from './chart-colors';

const BAR = '#7fa3db';
const BAR_SELECTED = '#1f4f9c';

interface Row {
  queueId: string;
  rate: number;
  jobs: number;
}

/** Events per second of completed jobs, per queue, highest first; a click on a bar selects the queue. */
export const MetricChart = memo(function MetricChart({
  queues,
  selectedQueueId,
  onSelect,
}: {
  queues: QueueStats[];
  selectedQueueId?: string;
  onSelect(queueId: string): void;
}) {
  const data: Row[] = queues
    .filter((q) => q.eventsPerSecond !== null)
    .map((q) => ({ queueId: q.queueId, rate: q.eventsPerSecond as number, jobs: q.completed }))
    .sort((a, b) => b.rate - a.rate);
  const many = data.length > 24;
  return (
    <BarChart
      responsive
      data={data}
      style={{ width: '100%', height: 220 }}
      barCategoryGap={many ? 0 : 2}
      margin={{ top: 6, right: 12, bottom: 0, left: -8 }}
    >
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="queueId" tick={many ? false : AXIS_TICK} interval={many ? undefined : 0} height={many ? 8 : 30} />
      <YAxis tick={AXIS_TICK} width={44} tickFormatter={(v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1))} />
      <Tooltip
        formatter={(value, _name, item) => {
          const row = item.payload as Row | undefined;
          return [`${Number(value).toFixed(2)} events/s, mean of ${row?.jobs ?? 0} completed jobs`, 'rate'];
        }}
        contentStyle={{ fontSize: 12 }}
      />
      <Bar
        dataKey="rate"
        name="events/s"
        isAnimationActive={false}
        cursor="pointer"
        onClick={(entry: { payload?: Row }) => {
          if (entry.payload?.queueId) {
            onSelect(entry.payload.queueId);
          }
        }}
        shape={(props: BarShapeProps) => {
          const row = props.payload as Row | undefined;
          return <Rectangle {...props} fill={row?.queueId === selectedQueueId ? BAR_SELECTED : BAR} />;
        }}
      />
    </BarChart>
  );
});
