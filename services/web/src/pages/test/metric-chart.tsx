import { memo } from 'react';
import { Bar, BarChart, LabelList, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { QueueStats } from '../../api/test-series.types';
import { AXIS_TICK } from './chart-colors';

const BAR = '#7fa3db';
const BAR_SELECTED = '#1f4f9c';
/** Height of one queue's row; the chart grows with the queues and its panel scrolls. */
const ROW_PX = 18;
const MIN_HEIGHT = 220;
const NAME_WIDTH = 150;
/** Characters of a queue name that fit `NAME_WIDTH` at the axis font (11 px). */
const NAME_CHARS = 19;

interface Row {
  queueId: string;
  rate: number;
  jobs: number;
}

/** `ANALY_CERN…MCORE_HIMEM`: a long queue name cut in the middle, where queue names differ least. */
function shorten(name: string): string {
  if (name.length <= NAME_CHARS) {
    return name;
  }
  const head = Math.ceil((NAME_CHARS - 1) / 2);
  const tail = NAME_CHARS - 1 - head;
  return `${name.slice(0, head)}…${name.slice(name.length - tail)}`;
}

function formatRate(v: number): string {
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

/**
 * Events per second of completed jobs, per queue, highest first, as horizontal bars with the queue names on the Y axis
 * (long names shortened; the whole name in the tooltip) and each rate at its bar's end. A click on a bar or a name
 * selects the queue.
 */
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
  const height = Math.max(MIN_HEIGHT, data.length * ROW_PX + 8);
  return (
    <div className="metric-chart-scroll">
      <BarChart
        responsive
        layout="vertical"
        data={data}
        style={{ width: '100%', height }}
        barCategoryGap={2}
        maxBarSize={16}
        margin={{ top: 4, right: 40, bottom: 4, left: 0 }}
      >
        <XAxis type="number" hide domain={[0, 'dataMax']} />
        <YAxis
          type="category"
          dataKey="queueId"
          width={NAME_WIDTH}
          interval={0}
          tickLine={false}
          tick={AXIS_TICK}
          tickFormatter={shorten}
          cursor="pointer"
          onClick={(tick: { value?: unknown }) => {
            if (typeof tick.value === 'string') {
              onSelect(tick.value);
            }
          }}
        />
        <Tooltip
          labelFormatter={(label) => (typeof label === 'string' ? `queue ${label}` : '')}
          formatter={(value, _name, item) => {
            const row = item.payload as Row | undefined;
            return [`${Number(value).toFixed(2)} events/s (${row?.jobs ?? 0} jobs)`, 'mean'];
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
        >
          <LabelList dataKey="rate" position="right" formatter={(v) => formatRate(Number(v))} style={AXIS_TICK} />
        </Bar>
      </BarChart>
    </div>
  );
});
