import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/use-api';
import {
  TEST_KINDS,
  TEST_STATES,
  type Page,
  type TestKind,
  type TestState,
  type TestSummary,
} from '../../api/tests.types';
import { useDocumentTitle } from '../../app/use-document-title';
import { DataTable, type Column } from '../../components/data-table';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { formatClock, formatDateTime, formatDay } from '../../components/time';
import { TestStateBadge } from '../../components/test-state-badge';
import { formatCount, formatPercent } from '../../components/counter';

const REFRESH_MS = 5000;
const PAGE_SIZE = 50;
/** Running and scheduled tests are all shown (no paging): up to this many of each. */
const ACTIVE_LIMIT = 200;
const QUEUES_SHOWN = 2;

/** `state` in the URL: one state, `all`, or (absent) `active` = running and scheduled. */
type StateFilter = 'active' | 'all' | TestState;

function parseState(v: string | null): StateFilter {
  if (v === 'all') {
    return 'all';
  }
  return (TEST_STATES as readonly string[]).includes(v ?? '') ? (v as TestState) : 'active';
}

function parseKind(v: string | null): TestKind | undefined {
  return (TEST_KINDS as readonly string[]).includes(v ?? '') ? (v as TestKind) : undefined;
}

type CounterKey = 'submitted' | 'running' | 'completed' | 'failed' | 'total';

function counterColumn(key: CounterKey, header: string): Column<TestSummary> {
  return {
    key,
    header,
    align: 'right',
    sortValue: (t) => t.totals[key],
    cellProps: (t) => ({
      'data-testid': `counter-${key}`,
      className: [
        t.totals[key] === 0 ? 'zero' : '',
        key === 'failed' && t.totals.failed > 0 ? 'counter-failed nonzero' : '',
      ]
        .filter(Boolean)
        .join(' '),
    }),
    render: (t) => formatCount(t.totals[key]),
  };
}

const COLUMNS: Column<TestSummary>[] = [
  { key: 'state', header: 'State', sortValue: (t) => t.state, render: (t) => <TestStateBadge state={t.state} /> },
  {
    key: 'id',
    header: 'Test',
    sortValue: (t) => t.id,
    render: (t) => (
      <Link to={`/tests/${t.id}`} className="mono" title={t.id}>
        {t.id.slice(0, 8)}
      </Link>
    ),
  },
  {
    key: 'submitter',
    header: 'Submitter',
    sortValue: (t) => t.submitterId,
    render: (t) =>
      t.submitterId ? (
        <span className="clip clip-submitter" title={t.submitterId}>
          {t.submitterId}
        </span>
      ) : (
        <span className="muted">–</span>
      ),
  },
  {
    key: 'template',
    header: 'Template',
    sortValue: (t) => t.template.name,
    render: (t) => (
      <span
        className="template-cell"
        title={`${t.template.name} version ${t.template.version}: ${t.kind}${t.robot ? ' (robot)' : ''}`}
      >
        <span className="clip clip-template">{t.template.name}</span>{' '}
        <span className="muted">v{t.template.version}</span> <span className={`kind kind-${t.kind}`}>{t.kind}</span>
      </span>
    ),
  },
  {
    key: 'start',
    header: 'Start',
    sortValue: (t) => t.startAt,
    render: (t) => <CompactTime value={t.startAt} />,
  },
  {
    key: 'end',
    header: 'End',
    title: 'time only when on the start’s day (UTC)',
    sortValue: (t) => t.finishedAt ?? t.endAt,
    render: (t) => <CompactTime value={t.finishedAt ?? t.endAt} sameDayAs={t.startAt} />,
  },
  {
    key: 'queues',
    header: 'Queues',
    sortValue: (t) => t.queueCount,
    render: (t) => <QueueList test={t} />,
  },
  counterColumn('submitted', 'Submitted'),
  counterColumn('running', 'Running'),
  counterColumn('completed', 'Completed'),
  counterColumn('failed', 'Failed'),
  {
    key: 'failPercent',
    header: 'Fail %',
    align: 'right',
    title: 'failed / (completed + failed)',
    sortValue: (t) => t.totals.failPercent,
    cellProps: (t) => ({ 'data-testid': 'counter-fail-percent', className: failClass(t.totals.failPercent) }),
    render: (t) => formatPercent(t.totals.failPercent),
  },
  counterColumn('total', 'Total'),
];

function failClass(p: number | null): string | undefined {
  if (p === null) {
    return 'zero';
  }
  return p >= 50 ? 'fail-high' : p > 0 ? 'fail-some' : undefined;
}

function QueueList({ test }: { test: TestSummary }) {
  const shown = test.firstQueueIds.slice(0, QUEUES_SHOWN);
  const more = test.queueCount - shown.length;
  if (test.queueCount === 0) {
    return <span className="muted">none yet</span>;
  }
  return (
    <span className="queue-list">
      <span className="clip clip-queues" title={shown.join(', ')}>
        {shown.map((q, i) => (
          <span key={q}>
            {i > 0 && ', '}
            <Link to={`/queues/${encodeURIComponent(q)}`}>{q}</Link>
          </span>
        ))}
      </span>
      {more > 0 && (
        <Link
          to={`/tests/${test.id}`}
          className="more"
          title={`${more} more: all ${test.queueCount} queues on the test's page`}
        >
          +{more}
        </Link>
      )}
    </span>
  );
}

/**
 * A dense UTC date: `11-24 03:34` this year, `2025-11-24 03:34` otherwise, and only `04:32` when on the same UTC day
 * as `sameDayAs` (a test's end next to its start); the ISO instant and the local time in the tooltip.
 */
function CompactTime({ value, sameDayAs }: { value: string | null; sameDayAs?: string | null }) {
  const d = value ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    return <span className="muted">–</span>;
  }
  const sameDay = sameDayAs ? formatDay(sameDayAs) === formatDay(d) : false;
  return (
    <time dateTime={d.toISOString()} title={`${d.toISOString()} · local ${d.toLocaleString()}`}>
      {sameDay ? formatClock(d) : formatDateTime(d, false, true)}
    </time>
  );
}

export function HomePage() {
  const [params, setParams] = useSearchParams();
  const state = parseState(params.get('state'));
  const kind = parseKind(params.get('kind'));
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  useDocumentTitle('Tests');

  const active = state === 'active';
  const running = useApi<Page<TestSummary>>(
    active ? '/tests' : null,
    { state: 'running', kind, limit: ACTIVE_LIMIT },
    { refreshMs: REFRESH_MS },
  );
  const scheduled = useApi<Page<TestSummary>>(
    active ? '/tests' : null,
    { state: 'scheduled', kind, limit: ACTIVE_LIMIT },
    { refreshMs: REFRESH_MS },
  );
  const listed = useApi<Page<TestSummary>>(
    active ? null : '/tests',
    { state: state === 'all' ? undefined : state, kind, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
    { refreshMs: REFRESH_MS },
  );

  const rows = useMemo<TestSummary[] | undefined>(() => {
    if (!active) {
      return listed.data?.items;
    }
    if (!running.data || !scheduled.data) {
      return undefined;
    }
    return [...running.data.items, ...scheduled.data.items];
  }, [active, listed.data, running.data, scheduled.data]);

  const error = active ? (running.error ?? scheduled.error) : listed.error;
  const loading = active ? running.loading || scheduled.loading : listed.loading;
  const total = active ? (running.data?.total ?? 0) + (scheduled.data?.total ?? 0) : (listed.data?.total ?? 0);
  const truncated =
    active && ((running.data?.total ?? 0) > ACTIVE_LIMIT || (scheduled.data?.total ?? 0) > ACTIVE_LIMIT);

  const retry = () => {
    if (active) {
      running.reload();
      scheduled.reload();
    } else {
      listed.reload();
    }
  };

  const setFilter = (name: 'state' | 'kind', value: string) => {
    const next = new URLSearchParams(params);
    if (value === '' || (name === 'state' && value === 'active')) {
      next.delete(name);
    } else {
      next.set(name, value);
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 0) {
      next.delete('page');
    } else {
      next.set('page', String(p));
    }
    setParams(next);
  };

  const title = active ? 'Running and scheduled tests' : state === 'all' ? 'All tests' : `${capitalize(state)} tests`;

  return (
    <section className="page" aria-labelledby="home-title">
      <div className="page-header">
        <h1 id="home-title">{title}</h1>
        {rows && (
          <span className="muted" data-testid="tests-count">
            {total.toLocaleString('en-US')} {total === 1 ? 'test' : 'tests'}
          </span>
        )}
        <span className="spacer" />
        <div className="filters" role="group" aria-label="Filters">
          <div className="field">
            <label htmlFor="filter-state">State</label>
            <select
              id="filter-state"
              data-testid="filter-state"
              value={state}
              onChange={(e) => setFilter('state', e.target.value)}
            >
              <option value="active">running + scheduled</option>
              {TEST_STATES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
              <option value="all">all</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-kind">Template kind</label>
            <select
              id="filter-kind"
              data-testid="filter-kind"
              value={kind ?? ''}
              onChange={(e) => setFilter('kind', e.target.value)}
            >
              <option value="">any</option>
              {TEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>

      {error && rows && (
        <p className="stale" role="status">
          Could not refresh ({error.message}); showing the last answer.
        </p>
      )}
      {error && !rows && <ErrorBox error={error} title="The tests could not be loaded" onRetry={retry} />}
      {!rows && loading && <Loading label="Loading tests…" />}
      {rows && (
        <>
          <DataTable
            testId="tests-table"
            className="tests-table"
            columns={COLUMNS}
            rows={rows}
            rowKey={(t) => t.id}
            rowProps={(t) => ({ 'data-testid': 'test-row', 'data-test-id': t.id, 'data-state': t.state })}
            empty={active ? 'No test is running or scheduled.' : 'No test matches these filters.'}
          />
          {truncated && (
            <p className="muted">
              Showing the newest {ACTIVE_LIMIT} running and {ACTIVE_LIMIT} scheduled tests.
            </p>
          )}
          {!active && total > PAGE_SIZE && (
            <nav className="pager" aria-label="Pages">
              <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                ← Newer
              </button>
              <span className="muted">
                {page * PAGE_SIZE + 1}–{Math.min(total, (page + 1) * PAGE_SIZE)} of {total.toLocaleString('en-US')}
              </span>
              <button
                type="button"
                className="btn btn-small"
                disabled={(page + 1) * PAGE_SIZE >= total}
                onClick={() => setPage(page + 1)}
              >
                Older →
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
