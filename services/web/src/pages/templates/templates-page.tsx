import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/use-api';
import { useDocumentTitle } from '../../app/use-document-title';
import { useSession } from '../../auth/session';
import { DataTable, ErrorBox, FilterSelect, Loading, Time, formatDuration, type Column } from '../../components';
import { Pager } from '../decisions/pager';
import { intParam, useQueryState } from '../decisions/search-params.util';
import type { Page } from '../queue/queue.types';
import { TEMPLATE_KINDS, type Template } from './template.types';
import './templates.css';

const PAGE_SIZE = 50;

/** `3 queues · tier=1 · on sim`: what a selector names. */
export function selectorSummary(selector: Template['queueSelector']): string {
  const parts: string[] = [];
  if (selector.queueIds?.length) {
    parts.push(selector.queueIds.length === 1 ? selector.queueIds[0] : `${selector.queueIds.length} queues`);
  }
  const labels = Object.entries(selector.labels ?? {});
  if (labels.length) {
    parts.push(labels.map(([k, v]) => `${k}=${v}`).join(' '));
  }
  if (selector.backend) {
    parts.push(`on ${selector.backend}`);
  }
  return parts.join(' · ') || '–';
}

const COLUMNS: Column<Template>[] = [
  {
    key: 'name',
    header: 'name',
    render: (t) => <Link to={`/templates/${t.id}`}>{t.name}</Link>,
    sortValue: (t) => t.name,
  },
  { key: 'kind', header: 'kind', render: (t) => t.kind, sortValue: (t) => t.kind },
  {
    key: 'state',
    header: 'state',
    render: (t) => (
      <span className={`badge ${t.active ? 'badge-active' : 'badge-inactive'}`}>
        {t.active ? 'active' : 'inactive'}
      </span>
    ),
    sortValue: (t) => (t.active ? 0 : 1),
  },
  {
    key: 'version',
    header: 'version',
    render: (t) => `v${t.currentVersion}`,
    sortValue: (t) => t.currentVersion,
    align: 'right',
  },
  {
    key: 'golden',
    header: 'golden',
    title: 'its results count for exclusion',
    render: (t) => (t.golden ? 'golden' : ''),
    sortValue: (t) => (t.golden ? 0 : 1),
  },
  {
    key: 'robot',
    header: 'robot',
    title: 'the robot keeps a test of it running',
    render: (t) => (t.robot ? 'robot' : ''),
    sortValue: (t) => (t.robot ? 0 : 1),
  },
  {
    key: 'targets',
    header: 'queues',
    render: (t) => selectorSummary(t.queueSelector),
    cellProps: () => ({ className: 'wrap selector-cell' }),
  },
  {
    key: 'profile',
    header: 'depth / running',
    title: 'minQueueDepth / maxRunning per queue',
    render: (t) => `${t.submissionProfile.minQueueDepth} / ${t.submissionProfile.maxRunning}`,
    align: 'right',
  },
  {
    key: 'lifetime',
    header: 'lifetime',
    render: (t) => formatDuration(t.lifetimeSeconds),
    sortValue: (t) => t.lifetimeSeconds,
    align: 'right',
  },
  {
    key: 'updated',
    header: 'updated',
    render: (t) => <Time value={t.updatedAt} />,
    sortValue: (t) => t.updatedAt,
  },
  { key: 'by', header: 'by', render: (t) => t.createdBy, sortValue: (t) => t.createdBy },
];

/** Every template, by name, filtered by name, kind and state; operators may create one. */
export function TemplatesPage() {
  useDocumentTitle('Templates');
  const session = useSession();
  const { get, set } = useQueryState();
  const offset = intParam(get('offset'), 0);
  const filters = { name: get('name'), kind: get('kind'), active: get('active') };
  const { data, error, loading, reload } = useApi<Page<Template>>('/templates', {
    ...filters,
    limit: PAGE_SIZE,
    offset,
  });
  const change = (changes: Record<string, string | undefined>) =>
    set({ ...changes, offset: undefined }, { replace: true });

  return (
    <div className="page templates-page">
      <header className="page-header">
        <h1>Templates</h1>
        {data && <span className="muted">{data.total} templates</span>}
        <span className="spacer" />
        {session.can('operator') && (
          <Link className="btn btn-primary" to="/templates/new" data-testid="template-new">
            New template
          </Link>
        )}
      </header>
      <div className="filters">
        <NameFilter key={filters.name ?? ''} value={filters.name ?? ''} onApply={(name) => change({ name })} />
        <FilterSelect
          label="kind"
          testId="filter-kind"
          value={filters.kind ?? ''}
          anyLabel="all"
          options={TEMPLATE_KINDS}
          onChange={(kind) => change({ kind })}
        />
        <FilterSelect
          label="state"
          testId="filter-active"
          value={filters.active ?? ''}
          anyLabel="all"
          options={[
            ['true', 'active'],
            ['false', 'inactive'],
          ]}
          onChange={(active) => change({ active })}
        />
      </div>
      {error && <ErrorBox error={error} title="The templates could not be read" onRetry={reload} />}
      {loading && <Loading label="Loading templates…" />}
      {data && (
        <>
          <DataTable
            testId="templates-table"
            columns={COLUMNS}
            rows={data.items}
            rowKey={(t) => t.id}
            rowProps={(t) => ({
              'data-testid': 'template-row',
              'data-template-id': t.id,
              className: t.active ? undefined : 'inactive-row',
            })}
            empty={Object.values(filters).some(Boolean) ? 'No template matches these filters.' : 'No template yet.'}
          />
          <Pager
            offset={offset}
            limit={PAGE_SIZE}
            total={data.total}
            onOffset={(o) => set({ offset: o ? String(o) : undefined })}
          />
        </>
      )}
    </div>
  );
}

/** Part of a name, any case; applied on Enter or when the field is left. */
function NameFilter({ value, onApply }: { value: string; onApply(name: string | undefined): void }) {
  const [text, setText] = useState(value);
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() !== value) {
      onApply(text.trim() || undefined);
    }
  };
  return (
    <form className="field" onSubmit={apply}>
      <label htmlFor="filter-name">name</label>
      <input
        id="filter-name"
        data-testid="filter-name"
        value={text}
        placeholder="part of a name"
        size={20}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => apply()}
      />
    </form>
  );
}
