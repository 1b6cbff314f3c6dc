import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet } from '../../api/api-client';
import { toApiError, type ApiError } from '../../api/api-error';
import { JOB_STATES, type Job, type JobPage, type JobState } from '../../api/tests.types';
import { DataTable, type Column } from '../../components/data-table';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { formatDuration, Time } from '../../components/time';

const PAGE = 50;

const COLUMNS: Column<Job>[] = [
  {
    key: 'id',
    header: 'Job',
    render: (j) => (
      <span className="mono" title={j.id}>
        {j.id.slice(0, 8)}
      </span>
    ),
  },
  {
    key: 'backendJobId',
    header: 'Backend id',
    sortValue: (j) => j.backendJobId,
    render: (j) => <span className="mono">{j.backendJobId ?? '–'}</span>,
  },
  {
    key: 'state',
    header: 'State',
    sortValue: (j) => j.state,
    render: (j) => <span className={`badge job-${j.state}`}>{j.state}</span>,
  },
  {
    key: 'submittedAt',
    header: 'Submitted',
    sortValue: (j) => j.submittedAt,
    render: (j) => <Time value={j.submittedAt} withSeconds />,
  },
  {
    key: 'finishedAt',
    header: 'Finished',
    sortValue: (j) => j.finishedAt,
    render: (j) => <Time value={j.finishedAt} withSeconds />,
  },
  {
    key: 'wall',
    header: 'Wall',
    align: 'right',
    sortValue: (j) => j.wallSeconds,
    render: (j) => formatDuration(j.wallSeconds),
  },
  {
    key: 'events',
    header: 'Events',
    align: 'right',
    sortValue: (j) => j.events,
    render: (j) => (j.events ?? '–').toLocaleString(),
  },
  {
    key: 'exit',
    header: 'Exit',
    align: 'right',
    sortValue: (j) => j.exitCode,
    render: (j) => (j.exitCode === null ? '–' : String(j.exitCode)),
  },
  {
    key: 'error',
    header: 'Error',
    sortValue: (j) => j.errorMessage,
    cellProps: () => ({ className: 'error-cell wrap' }),
    render: (j) =>
      j.errorClass || j.errorMessage ? (
        <>
          {j.errorClass && <span className="error-class">{j.errorClass}</span>} {j.errorMessage}
        </>
      ) : (
        <span className="muted">–</span>
      ),
  },
];

/**
 * The jobs of one queue in this test (`GET /api/v1/jobs?test=&queue=`), newest first, by keyset pages; filtered to
 * failed jobs by default when the queue has failures, so its errors are what one sees first. Mount it with
 * `key={queueId}`: another queue starts over.
 */
export function QueueJobs({
  testId,
  queueId,
  hasFailures,
  live,
}: {
  testId: string;
  queueId: string;
  hasFailures: boolean;
  live: boolean;
}) {
  const [state, setState] = useState<JobState | ''>(hasFailures ? 'failed' : '');
  const [jobs, setJobs] = useState<Job[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  // The "load older" request in flight: a new filter, a refresh or leaving aborts it, so its page never lands in
  // another filter's list.
  const moreRequest = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    setJobs(undefined);
    setError(undefined);
    setBusy(true);
    apiGet<JobPage>(
      '/jobs',
      { test: testId, queue: queueId, state: state || undefined, limit: PAGE },
      { signal: controller.signal },
    ).then(
      (page) => {
        setJobs(page.items);
        setCursor(page.nextCursor);
        setBusy(false);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) {
          setError(toApiError(err));
          setBusy(false);
        }
      },
    );
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [testId, queueId, state, version]);

  const more = useCallback(() => {
    if (!cursor) {
      return;
    }
    const controller = new AbortController();
    moreRequest.current = controller;
    setBusy(true);
    apiGet<JobPage>(
      '/jobs',
      { test: testId, queue: queueId, state: state || undefined, limit: PAGE, cursor },
      { signal: controller.signal },
    ).then(
      (page) => {
        setJobs((prev) => [...(prev ?? []), ...page.items.filter((j) => !prev?.some((p) => p.id === j.id))]);
        setCursor(page.nextCursor);
        setBusy(false);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) {
          setError(toApiError(err));
          setBusy(false);
        }
      },
    );
  }, [cursor, testId, queueId, state]);

  return (
    <section className="panel" data-testid="queue-jobs" data-queue-id={queueId} aria-labelledby="queue-jobs-title">
      <div className="panel-header">
        <h2 id="queue-jobs-title">
          Jobs on <span className="mono">{queueId}</span>
        </h2>
        <span className="spacer" />
        <div className="field field-inline">
          <label htmlFor="jobs-state">State</label>
          <select
            id="jobs-state"
            data-testid="jobs-state"
            value={state}
            onChange={(e) => setState(e.target.value as JobState | '')}
          >
            <option value="">all</option>
            {JOB_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {live && (
          <button type="button" className="btn btn-small" onClick={() => setVersion((v) => v + 1)} disabled={busy}>
            Refresh
          </button>
        )}
      </div>
      {error && (
        <ErrorBox error={error} title="The jobs could not be loaded" onRetry={() => setVersion((v) => v + 1)} />
      )}
      {!jobs && !error && <Loading label="Loading jobs…" />}
      {jobs && (
        <>
          <DataTable
            className="jobs-table"
            columns={COLUMNS}
            rows={jobs}
            rowKey={(j) => j.id}
            rowProps={(j) => ({ 'data-testid': 'job-row', 'data-job-id': j.id, 'data-state': j.state })}
            empty={
              cursor
                ? 'No such job among the newest ones examined; load more to look further.'
                : state
                  ? `No ${state} job on this queue in this test.`
                  : 'No job on this queue in this test yet.'
            }
          />
          {cursor && (
            <p className="load-more">
              <button type="button" className="btn btn-small" onClick={more} disabled={busy}>
                {busy ? 'Loading…' : 'Load older jobs'}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
