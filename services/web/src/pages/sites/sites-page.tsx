import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { ErrorBox, FilterSelect, Loading } from '../../components';
import type { Outage } from '../decisions/decision.types';
import { OutageRow } from '../decisions/outages-list';
import { intParam } from '../decisions/search-params.util';
import { BACKENDS, type QueueHistoryMatrix } from '../queue/queue.types';
import { SiteMatrix } from './site-matrix';
import { buildSiteRows, byWorst, hasProblem, parseLabelFilter } from './site-rows.util';
import { useAllQueues } from './use-all-queues';
import '../decisions/decisions.css';
import './sites.css';

const DAY_CHOICES = [7, 14, 30] as const;
/** With this many sites or fewer, every site shows its queues at once. */
const OPEN_ALL_UP_TO = 3;

/**
 * Sites × days coloured by the efficiency of golden templates, with each queue's status (online, excluded, offline,
 * in outage); filtered by label and backend in the URL (`?label=tier=2&backend=sim`).
 */
export function SitesPage() {
  useDocumentTitle('Sites and queues');
  const [params, setParams] = useSearchParams();
  const labelParams = params.getAll('label');
  const labelText = labelParams.join(', ');
  const labels = useMemo(() => parseLabelFilter(labelText).pairs, [labelText]);
  const backend = params.get('backend') ?? undefined;
  const site = params.get('site') ?? undefined;
  const days = intParam(params.get('days') ?? undefined, 14);
  const allJobs = params.get('jobs') === 'all';
  const problemsOnly = params.get('show') === 'problems';
  const worstFirst = params.get('sort') === 'worst';

  const change = (changes: Record<string, string | string[] | undefined>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          next.delete(k);
          for (const value of Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]) {
            next.append(k, value);
          }
        }
        return next;
      },
      { replace: true },
    );
  };

  // The API takes the first label; the others are applied to the queue list's labels here.
  const serverLabel = labels[0] ? `${labels[0][0]}=${labels[0][1]}` : undefined;
  const filter = { backend, site, label: serverLabel };
  const matrix = useApi<QueueHistoryMatrix>(
    '/queues/history',
    { ...filter, days, golden: allJobs ? undefined : 'true' },
    { refreshMs: 60_000 },
  );
  const queues = useAllQueues(filter, 30_000);
  const outages = useApi<{ items: Outage[] }>('/outages/open', undefined, { refreshMs: 30_000 });

  const allRows = useMemo(
    () => (matrix.data ? buildSiteRows(matrix.data, queues.queues, outages.data?.items, labels.slice(1)) : []),
    [matrix.data, queues.queues, outages.data, labels],
  );
  const rows = useMemo(() => {
    const shown = problemsOnly ? allRows.filter(hasProblem) : allRows;
    return worstFirst ? [...shown].sort(byWorst) : shown;
  }, [allRows, problemsOnly, worstFirst]);

  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const expanded = useMemo(
    () => (rows.length <= OPEN_ALL_UP_TO ? new Set(rows.map((r) => r.id)) : opened),
    [rows, opened],
  );
  const toggle = (id: string) =>
    setOpened((prev) => {
      const next = new Set(rows.length <= OPEN_ALL_UP_TO ? rows.map((r) => r.id) : prev);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });

  const labelOptions = useMemo(() => {
    const seen = new Set<string>();
    for (const q of queues.queues ?? []) {
      for (const [k, v] of Object.entries(q.labels)) {
        seen.add(`${k}=${v}`);
      }
    }
    return [...seen].sort();
  }, [queues.queues]);

  const counts = allRows.reduce(
    (acc, s) => ({
      queues: acc.queues + s.queues.length,
      excluded: acc.excluded + s.counts.excluded,
      offline: acc.offline + s.counts.offline,
      outage: acc.outage + s.counts.outage,
    }),
    { queues: 0, excluded: 0, offline: 0, outage: 0 },
  );

  return (
    <div className="page sites-page">
      <header className="page-header">
        <h1>Sites and queues</h1>
        {matrix.data && (
          <span className="muted">
            {allRows.length} sites · {counts.queues} queues · {counts.excluded} excluded · {counts.offline} offline
            {counts.outage > 0 ? ` · ${counts.outage} in outage` : ''}
          </span>
        )}
      </header>

      {outages.data && outages.data.items.length > 0 && (
        <ul className="outages-list" aria-label="open outages">
          {outages.data.items.map((o) => (
            <OutageRow key={o.id} outage={o} linkTo={`/decisions?outage=${o.id}`} />
          ))}
        </ul>
      )}

      <div className="filters">
        <LabelFilter key={labelText} value={labelText} options={labelOptions} onApply={(l) => change({ label: l })} />
        <FilterSelect
          label="backend"
          testId="filter-backend"
          value={backend ?? ''}
          anyLabel="all"
          options={BACKENDS}
          onChange={(b) => change({ backend: b || undefined })}
        />
        <FilterSelect
          label="days"
          testId="filter-days"
          value={String(days)}
          options={DAY_CHOICES}
          onChange={(d) => change({ days: d === '14' ? undefined : d })}
        />
        <FilterSelect
          label="jobs"
          testId="filter-jobs"
          value={allJobs ? 'all' : 'golden'}
          options={[
            ['golden', 'golden templates'],
            ['all', 'all jobs'],
          ]}
          onChange={(jobs) => change({ jobs: jobs === 'all' ? 'all' : undefined })}
        />
        <label className="check">
          <input
            type="checkbox"
            data-testid="filter-problems"
            checked={problemsOnly}
            onChange={(e) => change({ show: e.target.checked ? 'problems' : undefined })}
          />{' '}
          only sites that need a look
        </label>
        <label className="check">
          <input
            type="checkbox"
            data-testid="sort-worst"
            checked={worstFirst}
            onChange={(e) => change({ sort: e.target.checked ? 'worst' : undefined })}
          />{' '}
          worst first
        </label>
        {site && (
          <span className="tag">
            site {site}{' '}
            <button
              type="button"
              className="link-button"
              aria-label="all sites"
              onClick={() => change({ site: undefined })}
            >
              ×
            </button>
          </span>
        )}
        <span className="spacer" />
        {rows.length > OPEN_ALL_UP_TO && (
          <span className="expand-all">
            <button type="button" className="link-button" onClick={() => setOpened(new Set(rows.map((r) => r.id)))}>
              open all
            </button>
            {' · '}
            <button type="button" className="link-button" onClick={() => setOpened(new Set())}>
              close all
            </button>
          </span>
        )}
        <Legend />
      </div>

      {matrix.error && (
        <ErrorBox error={matrix.error} title="The site history could not be read" onRetry={matrix.reload} />
      )}
      {queues.error && <ErrorBox error={queues.error} title="The queue statuses could not be read" />}
      {matrix.loading && <Loading label="Loading sites…" />}
      {matrix.data &&
        (rows.length === 0 ? (
          <p className="empty" data-testid="site-matrix-empty">
            {allRows.length === 0 ? 'No queue matches these filters.' : 'Every site looks fine.'}{' '}
            {(labels.length > 0 || backend || site) && <Link to="/sites">Show all sites</Link>}
          </p>
        ) : (
          <SiteMatrix sites={rows} days={matrix.data.days} expanded={expanded} onToggle={toggle} />
        ))}
    </div>
  );
}

/** `key=value` labels, comma- or space-separated, applied on Enter or when the field is left. */
function LabelFilter({
  value,
  options,
  onApply,
}: {
  value: string;
  options: string[];
  onApply(labels: string[]): void;
}) {
  const [text, setText] = useState(value);
  const { bad } = parseLabelFilter(text);
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    const parsed = parseLabelFilter(text);
    if (parsed.bad.length === 0 && text !== value) {
      onApply(parsed.pairs.map(([k, v]) => `${k}=${v}`));
    }
  };
  return (
    <form className="field" onSubmit={apply}>
      <label htmlFor="filter-label">label</label>
      <input
        id="filter-label"
        data-testid="filter-label"
        list="label-options"
        value={text}
        placeholder="key=value"
        size={22}
        aria-invalid={bad.length > 0}
        onChange={(e) => {
          setText(e.target.value);
          // A pick from the list applies at once.
          if (options.includes(e.target.value)) {
            onApply([e.target.value]);
          }
        }}
        onBlur={() => apply()}
      />
      <datalist id="label-options">
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {bad.length > 0 && (
        <span className="field-error" data-testid="field-error" data-field="label">
          not key=value: {bad.join(' ')}
        </span>
      )}
    </form>
  );
}

function Legend() {
  return (
    <span className="legend" aria-label="colours">
      <span className="eff eff-grey swatch" /> no finished job
      <span className="eff eff-red swatch" /> 0 %
      <span className="eff eff-yellow swatch" /> under 50 %
      <span className="eff eff-green swatch" /> 50 % and more
    </span>
  );
}
