import { memo, useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { JobErrorRef, TestQueueCounters } from '../../api/tests.types';
import { DataTable, type Column } from '../../components/data-table';
import { EfficiencyCell } from '../../components/efficiency-cell';
import { formatCount, formatPercent } from '../../components/counter';
import { formatDateTime } from '../../components/time';

/** completed / (completed + failed), 0..1; the API's figure when it gives one; null while neither. */
export function queueEfficiency(q: TestQueueCounters): number | null {
  if (q.efficiency !== undefined) {
    return q.efficiency;
  }
  const done = q.completed + q.failed;
  return done === 0 ? null : q.completed / done;
}

/** What the latest-error column sorts by: the message, else the class, else the exit code. */
function latestErrorText(error: JobErrorRef): string {
  if (error.errorMessage) {
    return error.errorMessage;
  }
  if (error.errorClass) {
    return error.errorClass;
  }
  return typeof error.exitCode === 'number' ? `exit ${error.exitCode}` : 'failed';
}

type CounterKey = 'submitted' | 'running' | 'completed' | 'failed' | 'cancelled' | 'lost' | 'total';

function counter(key: CounterKey, header: string): Column<TestQueueCounters> {
  return {
    key,
    header,
    align: 'right',
    sortValue: (q) => q[key],
    cellProps: (q) => ({
      'data-testid': `queue-counter-${key}`,
      className: q[key] === 0 ? 'zero' : key === 'failed' ? 'counter-failed nonzero' : undefined,
    }),
    render: (q) => formatCount(q[key]),
  };
}

/** The test's queues with their counters; a click (or Enter) on a row shows its jobs. */
export const QueueTable = memo(function QueueTable({
  queues,
  selectedQueueId,
  onSelect,
}: {
  queues: TestQueueCounters[];
  selectedQueueId?: string;
  onSelect(queueId: string): void;
}) {
  const hasLatestError = queues.some((q) => q.latestError !== undefined);
  const columns = useMemo<Column<TestQueueCounters>[]>(() => {
    const cols: Column<TestQueueCounters>[] = [
      {
        key: 'queue',
        header: 'Queue',
        sortValue: (q) => q.queueId,
        render: (q) => <Link to={`/queues/${encodeURIComponent(q.queueId)}`}>{q.queueId}</Link>,
      },
      {
        key: 'site',
        header: 'Site',
        sortValue: (q) => q.siteId,
        render: (q) => q.siteId ?? <span className="muted">deleted</span>,
      },
      counter('submitted', 'Submitted'),
      counter('running', 'Running'),
      counter('completed', 'Completed'),
      counter('failed', 'Failed'),
      counter('cancelled', 'Cancelled'),
      counter('lost', 'Lost'),
      counter('total', 'Total'),
      {
        key: 'failPercent',
        header: 'Fail %',
        align: 'right',
        sortValue: (q) => q.failPercent,
        render: (q) => formatPercent(q.failPercent),
        cellProps: (q) => ({ className: q.failPercent === null ? 'zero' : undefined }),
      },
      {
        key: 'efficiency',
        header: 'Efficiency',
        align: 'right',
        title: 'completed / (completed + failed)',
        sortValue: (q) => queueEfficiency(q),
        render: () => null,
        renderCell: (q) => (
          <EfficiencyCell efficiency={queueEfficiency(q)} title={`${q.completed} completed, ${q.failed} failed`} />
        ),
      },
    ];
    if (hasLatestError) {
      cols.push({
        key: 'latestError',
        header: 'Latest error',
        title: 'the queue’s failed job that failed last: class, exit code, message',
        // By message (alike errors together); one without a message by its class or exit code; queues without last.
        sortValue: (q) => (q.latestError ? latestErrorText(q.latestError) : null),
        cellProps: (q) => ({
          className: 'error-cell',
          title: q.latestError
            ? `${q.latestError.errorMessage ?? 'no message'}${q.latestError.at ? ` · ${formatDateTime(q.latestError.at)}` : ''}`
            : undefined,
        }),
        render: (q) =>
          q.latestError ? (
            <span>
              {q.latestError.errorClass && <span className="error-class">{q.latestError.errorClass}</span>}{' '}
              {q.latestError.exitCode !== null && q.latestError.exitCode !== undefined && (
                <span className="mono muted">exit {q.latestError.exitCode}</span>
              )}{' '}
              {q.latestError.errorMessage ??
                (q.latestError.errorClass || typeof q.latestError.exitCode === 'number' ? null : (
                  <span className="muted">failed, no error given</span>
                ))}
            </span>
          ) : (
            <span className="muted">–</span>
          ),
      });
    }
    return cols;
  }, [hasLatestError]);

  return (
    <DataTable
      testId="queue-table"
      className="queue-table"
      columns={columns}
      rows={queues}
      rowKey={(q) => q.queueId}
      rowProps={(q) => ({ 'data-testid': 'queue-row', 'data-queue-id': q.queueId })}
      initialSort={{ key: 'failed', direction: 'desc' }}
      onRowSelect={(q) => onSelect(q.queueId)}
      selectedKey={selectedQueueId}
      empty="The test has no queues yet."
    />
  );
});
