import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/use-api';
import { ErrorBox, FilterSelect, Loading, formatDay } from '../../components';
import type { Page } from '../queue/queue.types';
import { DecisionItem } from './decision-item';
import { DECISION_ACTIONS, DECISION_SOURCES, type Decision, type Outage } from './decision.types';
import { OutageDetail, OutageRow } from './outages-list';
import { Pager } from './pager';
import { intParam, useQueryState } from './search-params.util';

const PAGE_SIZE = 50;
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Decisions of one page grouped by UTC day, latest first (the API's order). */
function byDay(decisions: readonly Decision[]): { day: string; items: Decision[] }[] {
  const groups: { day: string; items: Decision[] }[] = [];
  for (const d of decisions) {
    const day = formatDay(d.decidedAt);
    const last = groups[groups.length - 1];
    if (last?.day === day) {
      last.items.push(d);
    } else {
      groups.push({ day, items: [d] });
    }
  }
  return groups;
}

function dayTitle(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : `${WEEKDAY[d.getUTCDay()]} ${day}`;
}

/** The decisions page: open outages first, then every exclusion, recovery and override, latest first, by day. */
export function DecisionsPage() {
  const { get, set } = useQueryState();
  const offset = intParam(get('offset'), 0);
  const selectedDecision = get('decision');
  const selectedOutage = get('outage');
  const filters = {
    action: get('action'),
    source: get('source'),
    enforced: get('enforced'),
    siteId: get('site'),
    queueId: get('queue'),
    since: get('since'),
    until: get('until'),
  };

  const decisions = useApi<Page<Decision>>(
    '/decisions',
    { ...filters, limit: PAGE_SIZE, offset },
    { refreshMs: offset === 0 ? 15_000 : undefined },
  );
  const open = useApi<{ items: Outage[] }>('/outages/open', undefined, { refreshMs: 15_000 });
  const recent = useApi<Page<Outage>>('/outages', { state: 'closed', limit: 5 }, { refreshMs: 60_000 });
  const groups = useMemo(() => byDay(decisions.data?.items ?? []), [decisions.data]);

  const filtered = Object.values(filters).some((v) => v !== undefined);
  const keep = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({
      action: filters.action,
      source: filters.source,
      enforced: filters.enforced,
      site: filters.siteId,
      queue: filters.queueId,
      since: filters.since,
      until: filters.until,
      offset: offset ? String(offset) : undefined,
      ...extra,
    })) {
      if (v) {
        q.set(k, v);
      }
    }
    return `/decisions?${q.toString()}`;
  };

  return (
    <div className="page decisions-page">
      <header className="page-header">
        <h1>Decisions and outages</h1>
        <p className="muted">Exclusions, recoveries and manual overrides, latest first. Times are UTC.</p>
      </header>

      <section className="outages" aria-labelledby="outages-title">
        <h2 id="outages-title">Outages</h2>
        {open.error && <ErrorBox error={open.error} title="Open outages could not be read" onRetry={open.reload} />}
        {open.loading && <Loading label="Loading outages…" />}
        <ul className="outages-list" data-testid="outages-list">
          {open.data?.items.map((o) => (
            <OutageRow
              key={o.id}
              outage={o}
              selected={o.id === selectedOutage}
              linkTo={keep({ outage: o.id, decision: undefined })}
            />
          ))}
          {open.data && open.data.items.length === 0 && (
            <li className="muted outage-none" data-testid="no-open-outage">
              No open outage.
            </li>
          )}
          {recent.data?.items.map((o) => (
            <OutageRow
              key={o.id}
              outage={o}
              selected={o.id === selectedOutage}
              linkTo={keep({ outage: o.id, decision: undefined })}
            />
          ))}
        </ul>
      </section>

      <DecisionFilters
        key={`${filters.siteId ?? ''}|${filters.queueId ?? ''}`}
        values={filters}
        onChange={(changes) => set({ ...changes, offset: undefined }, { replace: true })}
      />

      <div className={`split${selectedDecision || selectedOutage ? ' with-panel' : ''}`}>
        <section className="decisions-main" aria-label="decisions">
          {decisions.error && (
            <ErrorBox error={decisions.error} title="Decisions could not be read" onRetry={decisions.reload} />
          )}
          {decisions.loading && <Loading label="Loading decisions…" />}
          {decisions.data && (
            <>
              <ol className="decisions-list" data-testid="decisions-list">
                {groups.map((g) => (
                  <li key={g.day} className="day-group" data-day={g.day}>
                    <h3 className="day-title">
                      {dayTitle(g.day)} <span className="muted">· {g.items.length}</span>
                    </h3>
                    <ol className="decision-items">
                      {g.items.map((d) => (
                        <DecisionItem
                          key={d.id}
                          decision={d}
                          showEvidence={false}
                          selected={d.id === selectedDecision}
                          evidenceToggle={
                            <Link to={keep({ decision: d.id, outage: undefined })} data-testid="decision-evidence-link">
                              evidence
                            </Link>
                          }
                        />
                      ))}
                    </ol>
                  </li>
                ))}
              </ol>
              {decisions.data.items.length === 0 && (
                <p className="empty">{filtered ? 'No decision matches these filters.' : 'No decision yet.'}</p>
              )}
              <Pager
                offset={offset}
                limit={PAGE_SIZE}
                total={decisions.data.total}
                labels={['‹ newer', 'older ›']}
                onOffset={(o) => set({ offset: o ? String(o) : undefined })}
              />
            </>
          )}
        </section>
        {selectedDecision && <DecisionPanel id={selectedDecision} closeTo={keep({ decision: undefined })} />}
        {!selectedDecision && selectedOutage && (
          <OutagePanel id={selectedOutage} closeTo={keep({ outage: undefined })} decisionsTo={keep} />
        )}
      </div>
    </div>
  );
}

type Filters = Record<'action' | 'source' | 'enforced' | 'siteId' | 'queueId' | 'since' | 'until', string | undefined>;

function DecisionFilters({
  values,
  onChange,
}: {
  values: Filters;
  onChange(changes: Record<string, string | undefined>): void;
}) {
  const [site, setSite] = useState(values.siteId ?? '');
  const [queue, setQueue] = useState(values.queueId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ site: site.trim() || undefined, queue: queue.trim() || undefined });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="filters">
      <FilterSelect
        label="action"
        testId="filter-action"
        value={values.action ?? ''}
        anyLabel="all"
        options={DECISION_ACTIONS}
        onChange={(action) => onChange({ action: action || undefined })}
      />
      <FilterSelect
        label="source"
        testId="filter-source"
        value={values.source ?? ''}
        anyLabel="all"
        options={DECISION_SOURCES}
        onChange={(source) => onChange({ source: source || undefined })}
      />
      <FilterSelect
        label="enforced"
        testId="filter-enforced"
        value={values.enforced ?? ''}
        anyLabel="all"
        options={[
          ['true', 'enforced'],
          ['false', 'detections only'],
        ]}
        onChange={(enforced) => onChange({ enforced: enforced || undefined })}
      />
      <label className="field">
        site
        <input
          data-testid="filter-site"
          value={site}
          placeholder="site id"
          size={12}
          onChange={(e) => setSite(e.target.value)}
          onBlur={submit}
        />
      </label>
      <label className="field">
        queue
        <input
          data-testid="filter-queue"
          value={queue}
          placeholder="queue id"
          size={16}
          onChange={(e) => setQueue(e.target.value)}
          onBlur={submit}
        />
      </label>
      {(values.since || values.until) && (
        <span className="tag">
          {values.since ?? '…'} → {values.until ?? 'now'}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => onChange({ since: undefined, until: undefined })}
          >
            ×
          </button>
        </span>
      )}
      <button type="submit" className="btn btn-small">
        Apply
      </button>
    </form>
  );
}

/** The decision's own record (`GET /api/v1/decisions/:id`) with its evidence, beside the list. */
function DecisionPanel({ id, closeTo }: { id: string; closeTo: string }) {
  const { data, error, loading } = useApi<Decision>(`/decisions/${encodeURIComponent(id)}`);
  return (
    <aside className="side-panel" data-testid="decision-panel" aria-label="decision evidence">
      <div className="panel-head">
        <h2>Evidence</h2>
        <Link to={closeTo} aria-label="close">
          ×
        </Link>
      </div>
      {loading && <Loading />}
      {error && <ErrorBox error={error} title="This decision could not be read" />}
      {data && (
        <>
          <ol className="decision-items">
            <DecisionItem decision={data} />
          </ol>
          <p>
            <Link to={`/queues/${encodeURIComponent(data.queueId)}`}>Queue {data.queueId}</Link> ·{' '}
            <Link to={`/decisions?queue=${encodeURIComponent(data.queueId)}`}>all its decisions</Link>
          </p>
        </>
      )}
    </aside>
  );
}

/** One outage in full, and a link to the decisions taken while it was open. */
function OutagePanel({
  id,
  closeTo,
  decisionsTo,
}: {
  id: string;
  closeTo: string;
  decisionsTo(extra: Record<string, string | undefined>): string;
}) {
  const { data, error, loading } = useApi<Outage>(`/outages/${encodeURIComponent(id)}`);
  const until = data?.closedAt ? new Date(Date.parse(data.closedAt) + 1).toISOString() : undefined;
  return (
    <aside className="side-panel" data-testid="outage-panel" aria-label="outage">
      <div className="panel-head">
        <h2>Outage</h2>
        <Link to={closeTo} aria-label="close">
          ×
        </Link>
      </div>
      {loading && <Loading />}
      {error && <ErrorBox error={error} title="This outage could not be read" />}
      {data && (
        <>
          <OutageDetail outage={data} />
          <p>
            <Link to={decisionsTo({ since: data.openedAt, until, offset: undefined })}>
              Decisions while it was open
            </Link>
          </p>
        </>
      )}
    </aside>
  );
}
