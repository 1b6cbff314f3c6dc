import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../../auth/session';
import { ErrorBox, Loading, formatEfficiency } from '../../components';
import { DecisionItem } from '../decisions/decision-item';
import type { Decision, Outage } from '../decisions/decision.types';
import { openOutagesOf } from '../decisions/outage-scope.util';
import { Pager } from '../decisions/pager';
import { intParam, useQueryState } from '../decisions/search-params.util';
import { EfficiencyHistoryChart } from './efficiency-history-chart';
import { OverrideForm } from './override-form';
import { QueueHeader, type OverrideHeld } from './queue-header';
import type { Page, QueueDetail, QueueHistory } from './queue.types';
import './queue.css';

const TIMELINE_PAGE = 20;
const DAY_CHOICES = [14, 30, 90] as const;

/** A queue: its status and who set it, its efficiency per day, every decision about it, and the operator's override. */
export function QueuePage() {
  const id = useParams<{ id: string }>().id ?? '';
  useDocumentTitle(id ? `Queue ${id}` : 'Queue');
  const session = useSession();
  const { get, set } = useQueryState();
  const days = intParam(get('days'), 30);
  const golden = get('jobs') !== 'all';
  // The timeline's page, forgotten when another queue is shown.
  const [timelinePage, setTimelinePage] = useState({ id, offset: 0 });
  const offset = timelinePage.id === id ? timelinePage.offset : 0;
  const path = `/queues/${encodeURIComponent(id)}`;

  const queue = useApi<QueueDetail>(path, undefined, { refreshMs: 15_000 });
  const outages = useApi<{ items: Outage[] }>('/outages/open', undefined, { refreshMs: 30_000 });
  const manual = queue.data?.statusSource === 'manual';
  const overrides = useApi<Page<OverrideHeld>>(manual ? '/overrides' : null, {
    site: queue.data?.site.id,
    limit: 500,
  });
  const history = useApi<QueueHistory>(`${path}/history`, { days, golden: golden ? 'true' : undefined });
  const timeline = useApi<Page<Decision>>(
    '/decisions',
    { queueId: id, limit: TIMELINE_PAGE, offset },
    { refreshMs: offset === 0 ? 15_000 : undefined },
  );

  const { reload: reloadQueue } = queue;
  const { reload: reloadTimeline } = timeline;
  const { reload: reloadOverrides } = overrides;
  const onApplied = useCallback(() => {
    reloadQueue();
    reloadTimeline();
    reloadOverrides();
  }, [reloadQueue, reloadTimeline, reloadOverrides]);

  if (queue.error && !queue.data) {
    return (
      <div className="page">
        <ErrorBox
          error={queue.error}
          title={queue.error.status === 404 ? `No queue ${id}` : 'The queue could not be read'}
          onRetry={queue.reload}
        />
        <p>
          <Link to="/sites">All sites and queues</Link>
        </p>
      </div>
    );
  }
  if (!queue.data) {
    return <Loading label="Loading the queue…" />;
  }
  const q = queue.data;
  const inOutage = openOutagesOf(outages.data?.items, q);
  const held = overrides.data?.items.find((o) => o.queueId === q.id);
  const totals = history.data?.items.reduce(
    (acc, d) => ({ completed: acc.completed + d.completed, failed: acc.failed + d.failed }),
    { completed: 0, failed: 0 },
  );
  const overall =
    totals && totals.completed + totals.failed > 0 ? totals.completed / (totals.completed + totals.failed) : null;

  return (
    <div className="page queue-page">
      <QueueHeader queue={q} outages={inOutage} override={held} />
      {queue.error && <ErrorBox error={queue.error} title="The queue could not be refreshed" />}

      <div className={`queue-grid${session.can('operator') ? ' with-form' : ''}`}>
        <section className="panel" aria-labelledby="history-title">
          <div className="panel-header">
            <h2 id="history-title">Efficiency per day</h2>
            <span className="muted">
              {golden ? 'golden templates' : 'all jobs'} · {formatEfficiency(overall)} over {days} days
            </span>
            <span className="spacer" />
            <select
              aria-label="jobs counted"
              data-testid="history-jobs"
              value={golden ? 'golden' : 'all'}
              onChange={(e) => set({ jobs: e.target.value === 'all' ? 'all' : undefined }, { replace: true })}
            >
              <option value="golden">golden templates</option>
              <option value="all">all jobs</option>
            </select>
            <select
              aria-label="days"
              data-testid="history-days"
              value={days}
              onChange={(e) => set({ days: e.target.value === '30' ? undefined : e.target.value }, { replace: true })}
            >
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </div>
          <div className="chart" data-testid="efficiency-history">
            {history.error && <ErrorBox error={history.error} title="The history could not be read" />}
            {history.loading && <Loading label="Loading the history…" />}
            {history.data && <EfficiencyHistoryChart items={history.data.items} />}
          </div>
        </section>
        {session.can('operator') && <OverrideForm key={q.id} queue={q} onApplied={onApplied} />}
      </div>

      <section className="panel" aria-labelledby="timeline-title">
        <div className="panel-header">
          <h2 id="timeline-title">Decisions</h2>
          <span className="muted">exclusions, recoveries and overrides of this queue, latest first (UTC)</span>
          <span className="spacer" />
          <Link to={`/decisions?queue=${encodeURIComponent(q.id)}`}>on the decisions page</Link>
        </div>
        {timeline.error && <ErrorBox error={timeline.error} title="The decisions could not be read" />}
        {timeline.loading && <Loading label="Loading decisions…" />}
        {timeline.data && (
          <>
            <ol className="decision-items timeline" data-testid="decision-timeline">
              {timeline.data.items.map((d) => (
                <DecisionItem key={d.id} decision={d} showQueue={false} />
              ))}
            </ol>
            {timeline.data.total === 0 && <p className="empty">No decision about this queue yet.</p>}
            <Pager
              offset={offset}
              limit={TIMELINE_PAGE}
              total={timeline.data.total}
              labels={['‹ newer', 'older ›']}
              onOffset={(o) => setTimelinePage({ id, offset: o })}
              testId="timeline-pager"
            />
          </>
        )}
      </section>
    </div>
  );
}
