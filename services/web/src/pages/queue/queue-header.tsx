import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { StatusBadge, Time } from '../../components';
import type { Outage } from '../decisions/decision.types';
import { scopeLabel } from '../decisions/outages-list';
import type { QueueDetail } from './queue.types';

/** An operator's override in force, as `GET /api/v1/overrides` lists it. */
export interface OverrideHeld {
  queueId: string;
  mode: 'exclude' | 'online' | 'clear' | null;
  reason: string | null;
  setBy: string | null;
  since: string;
  expiresAt: string | null;
}

/** Who set the status: `manual · olga`, `policy · hammercloud-classic@3` (the decider's `policy:<name>@<version>`). */
function setByText(queue: QueueDetail): string {
  if (queue.statusSource === null) {
    return 'never changed';
  }
  const by = queue.statusSetBy?.replace(/^policy:/, '');
  return by ? `${queue.statusSource} · ${by}` : queue.statusSource;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The queue's identity, status (with who set it, since when, and any open outage) and settings. */
export function QueueHeader({
  queue,
  outages,
  override,
}: {
  queue: QueueDetail;
  outages: readonly Outage[];
  override?: OverrideHeld;
}) {
  const labels = Object.entries(queue.labels);
  return (
    <header
      className="queue-header panel"
      data-testid="queue-header"
      data-queue-id={queue.id}
      data-status={queue.status}
    >
      <div className="queue-title">
        <h1>{queue.id}</h1>
        <StatusBadge status={queue.status} title={`${queue.status} since ${queue.statusSince}`} />
        {outages.length > 0 && (
          <StatusBadge status="outage" title={outages.map((o) => `${scopeLabel(o.scope)}: ${o.reason}`).join('\n')} />
        )}
        <span className="muted">{queue.name}</span>
      </div>
      <dl className="queue-facts">
        <Fact term="site">
          <Link to={`/sites?site=${encodeURIComponent(queue.site.id)}`}>{queue.site.id}</Link>{' '}
          <span className="muted">{queue.site.name}</span>
        </Fact>
        <Fact term="backend">{queue.backend}</Fact>
        <Fact term="status set by">
          <span data-testid="status-source">{setByText(queue)}</span>
        </Fact>
        <Fact term="since">
          <Time value={queue.statusSince} withSeconds />
        </Fact>
        <Fact term="exclusions">{queue.exclusionCount}</Fact>
        <Fact term="next eligible">
          {queue.nextEligibleAt ? <Time value={queue.nextEligibleAt} /> : <span className="muted">–</span>}
        </Fact>
        <Fact term="auto-exclusion">
          {queue.autoExclusion ? 'on' : <b>off</b>}
          {queue.protected && (
            <>
              {' · '}
              <b>protected</b>
            </>
          )}
        </Fact>
        <Fact term="labels">
          <span className="labels">
            {labels.length === 0 && <span className="muted">none</span>}
            {labels.map(([k, v]) => (
              <Link key={k} className="label-chip" to={`/sites?label=${encodeURIComponent(`${k}=${v}`)}`}>
                {k}={v}
              </Link>
            ))}
          </span>
        </Fact>
      </dl>
      {override && queue.statusSource === 'manual' && (
        <p className="override-held" data-testid="override-held">
          Held by an override{override.mode ? ` (${override.mode})` : ''} of {override.setBy ?? 'an operator'} since{' '}
          <Time value={override.since} />
          {override.reason ? `: “${override.reason}”` : ''}
          {override.expiresAt ? (
            <>
              , until <Time value={override.expiresAt} />
            </>
          ) : (
            ', until cleared'
          )}
          .
        </p>
      )}
      {outages.map((o) => (
        <p key={o.id} className="outage-note">
          In an open outage of {scopeLabel(o.scope)} since <Time value={o.openedAt} />: {o.reason}.{' '}
          <Link to={`/decisions?outage=${o.id}`}>outage</Link>
        </p>
      ))}
    </header>
  );
}
