import { useCallback, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { TestErrors, TestStats, TestTimeline } from '../../api/test-series.types';
import type { TestDetail, TestQueueCounters } from '../../api/tests.types';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../../auth/session';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { formatDateTime, formatDuration } from '../../components/time';
import { CancelTest } from './cancel-test';
import { ChartPanel } from './chart-panel';
import { MetricChart } from './metric-chart';
import { OutcomesChart } from './outcomes-chart';
import { QueueJobs } from './queue-jobs';
import { QueueTable } from './queue-table';
import { TestHeader } from './test-header';
import { WallTimeChart } from './walltime-chart';
import './test-page.css';

const LIVE_REFRESH_MS = 5000;
const SERIES_REFRESH_MS = 15000;
const ERRORS_REFRESH_MS = 10000;

/** `/tests/:id`: the test's header and state, its queues, plots, and the jobs of the selected queue. */
export function TestPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  useDocumentTitle(`Test ${id.slice(0, 8)}`);

  // Polls while the test can still change; a finished test stops polling.
  const [live, setLive] = useState(true);
  // Keeps the cancel's confirmation on screen once the test shows as cancelled.
  const [cancelSent, setCancelSent] = useState(false);
  // Encoded: the id comes from the address bar, and a `/` in it (`%2F` there) must not reach another API path.
  const path = `/tests/${encodeURIComponent(id)}`;
  const detail = useApi<TestDetail>(path, undefined, { refreshMs: live ? LIVE_REFRESH_MS : undefined });
  const test = detail.data;
  const nowLive = test ? test.state === 'running' || test.state === 'scheduled' : true;
  if (nowLive !== live) {
    setLive(nowLive);
  }
  const timeline = useApi<TestTimeline>(`${path}/timeline`, undefined, {
    refreshMs: live ? SERIES_REFRESH_MS : undefined,
  });
  const stats = useApi<TestStats>(`${path}/stats`, undefined, { refreshMs: live ? SERIES_REFRESH_MS : undefined });
  // The queues' latest errors: asked once the test is on screen, so the table never waits for them.
  const errors = useApi<TestErrors>(test ? `${path}/errors` : null, undefined, {
    refreshMs: live ? ERRORS_REFRESH_MS : undefined,
  });
  const queues = useMemo(() => (test ? withLatestErrors(test.queues, errors.data) : []), [test, errors.data]);

  const selectedParam = params.get('queue') ?? undefined;
  const selected = useMemo(() => {
    if (!test) {
      return undefined;
    }
    if (selectedParam && test.queues.some((q) => q.queueId === selectedParam)) {
      return test.queues.find((q) => q.queueId === selectedParam);
    }
    // By default the queue with the most failures (its errors are what one came for), else the first.
    return test.queues.reduce<(typeof test.queues)[number] | undefined>(
      (best, q) => (!best || q.failed > best.failed ? q : best),
      undefined,
    );
  }, [test, selectedParam]);

  const select = useCallback(
    (queueId: string) => {
      const next = new URLSearchParams(params);
      next.set('queue', queueId);
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  const error = detail.error;
  const points = timeline.data?.buckets;
  const bins = stats.data?.wallTime.bins;
  const rates = useMemo(() => stats.data?.queues.filter((q) => q.eventsPerSecond !== null) ?? [], [stats.data]);
  const onCancelled = () => {
    setCancelSent(true);
    detail.reload();
  };
  if (!test) {
    if (error) {
      return (
        <section className="page">
          <ErrorBox
            error={error}
            title={error.code === 'TEST_NOT_FOUND' ? 'No such test' : 'The test could not be loaded'}
            onRetry={error.code === 'TEST_NOT_FOUND' ? undefined : detail.reload}
          />
          <p>
            <Link to="/">Back to the tests</Link>
          </p>
        </section>
      );
    }
    return <Loading label="Loading the test…" />;
  }

  const canCancel = session.can('operator') && (cancelSent || test.state === 'running' || test.state === 'scheduled');

  return (
    <section className="page test-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/">Tests</Link> / <span className="mono">{test.id.slice(0, 8)}</span>
      </nav>
      <TestHeader test={test} actions={canCancel ? <CancelTest testId={test.id} onDone={onCancelled} /> : undefined} />
      {detail.error && (
        <p className="stale" role="status">
          Could not refresh ({detail.error.message}); showing the last answer.
        </p>
      )}

      <div className="charts">
        <ChartPanel
          testId="chart-outcomes"
          title="Outcomes over time"
          subtitle={timeline.data ? timelineSubtitle(timeline.data) : undefined}
          loading={timeline.loading}
          error={timeline.error}
          empty={!points?.some((p) => p.completed + p.failed + p.cancelled + p.lost > 0)}
          emptyText="No job has finished yet."
        >
          {timeline.data && <OutcomesChart timeline={timeline.data} />}
        </ChartPanel>
        <ChartPanel
          testId="chart-walltime"
          title="Wall time"
          subtitle={stats.data ? wallTimeSubtitle(stats.data) : undefined}
          loading={stats.loading}
          error={stats.error}
          empty={!bins?.some((b) => b.completed + b.failed > 0)}
          emptyText="No finished job reported a wall time yet."
        >
          {bins && <WallTimeChart bins={bins} />}
        </ChartPanel>
        <ChartPanel
          testId="chart-metric"
          title="Events/s per queue"
          subtitle="completed jobs · click a bar"
          loading={stats.loading}
          error={stats.error}
          empty={rates.length === 0}
          emptyText="No completed job reported events yet."
        >
          <MetricChart queues={rates} selectedQueueId={selected?.queueId} onSelect={select} />
        </ChartPanel>
      </div>

      <section className="panel" aria-labelledby="queues-title">
        <div className="panel-header">
          <h2 id="queues-title">Queues</h2>
          <span className="muted small">{test.queues.length} · click a row for its jobs</span>
        </div>
        <div className="queue-table-scroll">
          <QueueTable queues={queues} selectedQueueId={selected?.queueId} onSelect={select} />
        </div>
      </section>

      {selected && (
        <QueueJobs
          key={selected.queueId}
          testId={test.id}
          queueId={selected.queueId}
          hasFailures={selected.failed > 0}
          live={live}
        />
      )}
    </section>
  );
}

/** The queues with their latest error (null without one) once the errors arrived; as they are before. */
function withLatestErrors(queues: TestQueueCounters[], errors: TestErrors | undefined): TestQueueCounters[] {
  if (!errors) {
    return queues;
  }
  const byQueue = new Map(errors.items.map(({ queueId, ...error }) => [queueId, error]));
  return queues.map((q) => ({ ...q, latestError: byQueue.get(q.queueId) ?? null }));
}

function timelineSubtitle(t: TestTimeline): string {
  const bucket = formatDuration(t.bucketSeconds);
  return t.countedBy === 'finish' ? `jobs finished, per ${bucket}` : `outcomes by submission time, per ${bucket}`;
}

function wallTimeSubtitle(s: TestStats): string {
  const w = s.wallTime;
  const base = `${w.jobs.toLocaleString('en-US')} finished jobs${w.meanSeconds !== null ? ` · mean ${formatDuration(w.meanSeconds)}` : ''}`;
  return s.submittedSince ? `${base} · submitted since ${formatDateTime(s.submittedSince)}` : base;
}
