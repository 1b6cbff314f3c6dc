import { Link } from 'react-router-dom';
import { Time, formatDuration } from '../../components';
import type { Outage } from './decision.types';

/** `site:BNL` → `site BNL`; `label:cloud=DE` → `label cloud=DE`; `global` → `whole grid`. */
export function scopeLabel(scope: string): string {
  if (scope === 'global') {
    return 'whole grid';
  }
  const colon = scope.indexOf(':');
  return colon > 0 ? `${scope.slice(0, colon)} ${scope.slice(colon + 1)}` : scope;
}

function failingQueues(outage: Outage): string[] {
  const ids = outage.evidence?.queueIds;
  return Array.isArray(ids) ? ids.map(String) : [];
}

function lasted(outage: Outage, now: number): string {
  const end = outage.closedAt ? Date.parse(outage.closedAt) : now;
  return formatDuration((end - Date.parse(outage.openedAt)) / 1000);
}

/** One outage on a line: scope, state, since when and for how long, why, how many queues failed. */
export function OutageRow({ outage, selected, linkTo }: { outage: Outage; selected?: boolean; linkTo?: string }) {
  const queues = failingQueues(outage);
  return (
    <li
      className={`outage-item outage-${outage.state}${selected ? ' selected' : ''}`}
      data-testid="outage-item"
      data-outage-id={outage.id}
      data-state={outage.state}
    >
      <span className={`outage-state outage-state-${outage.state}`}>{outage.state === 'open' ? 'open' : 'closed'}</span>
      <span className="outage-scope">{scopeLabel(outage.scope)}</span>
      <span className="muted">
        <Time value={outage.openedAt} />
        {outage.closedAt ? ' → ' : ''}
        {outage.closedAt && <Time value={outage.closedAt} />} · {lasted(outage, Date.now())}
      </span>
      <span className="outage-reason">{outage.reason}</span>
      {queues.length > 0 && (
        <span className="muted">
          {queues.length} {queues.length === 1 ? 'queue' : 'queues'} failing
        </span>
      )}
      {linkTo && <Link to={linkTo}>details</Link>}
    </li>
  );
}

/** An outage in full: its evidence (counts against thresholds, the failing queues) and the policy that opened it. */
export function OutageDetail({ outage }: { outage: Outage }) {
  const queues = failingQueues(outage);
  const ev = outage.evidence ?? {};
  const closed = (ev.closed ?? null) as Record<string, unknown> | null;
  const figures = (value: unknown) =>
    typeof value === 'object' && value !== null
      ? Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <span key={k} className="figure">
            <span className="figure-key">{k}</span>{' '}
            <b>{typeof v === 'number' && k.endsWith('Ms') ? formatDuration(v / 1000) : String(v)}</b>
          </span>
        ))
      : null;
  const policy = ev.policy as { name?: string; version?: number } | undefined;
  return (
    <div className="outage-detail" data-testid="outage-detail" data-outage-id={outage.id}>
      <h3>
        Outage of {scopeLabel(outage.scope)}{' '}
        <span className={`outage-state outage-state-${outage.state}`}>{outage.state}</span>
      </h3>
      <p>{outage.reason}</p>
      <dl className="kv-facts">
        <dt>opened</dt>
        <dd>
          <Time value={outage.openedAt} withSeconds />
        </dd>
        <dt>closed</dt>
        <dd>{outage.closedAt ? <Time value={outage.closedAt} withSeconds /> : 'still open'}</dd>
        {typeof ev.rule === 'string' && (
          <>
            <dt>rule</dt>
            <dd>
              <code>{ev.rule}</code>
            </dd>
          </>
        )}
        {policy?.name && (
          <>
            <dt>policy</dt>
            <dd>
              <code>
                {policy.name} v{policy.version}
              </code>
            </dd>
          </>
        )}
      </dl>
      {ev.counts !== undefined && (
        <div className="evidence-figures">
          <span className="evidence-label">counts</span>
          {figures(ev.counts)}
        </div>
      )}
      {ev.thresholds !== undefined && (
        <div className="evidence-figures">
          <span className="evidence-label">thresholds</span>
          {figures(ev.thresholds)}
        </div>
      )}
      {queues.length > 0 && (
        <div className="evidence-jobs">
          <span className="evidence-label">failing queues ({queues.length})</span>
          {queues.map((id) => (
            <Link key={id} to={`/queues/${encodeURIComponent(id)}`} className="queue-chip">
              {id}
            </Link>
          ))}
        </div>
      )}
      {closed && Array.isArray(closed.queueIds) && closed.queueIds.length > 0 && (
        <div className="evidence-jobs">
          <span className="evidence-label">recovered at close ({closed.queueIds.length})</span>
          {closed.queueIds.map((id) => (
            <Link key={String(id)} to={`/queues/${encodeURIComponent(String(id))}`} className="queue-chip">
              {String(id)}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
