import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { EfficiencyCell, StatusBadge } from '../../components';
import { scopeLabel } from '../decisions/outages-list';
import type { DayCell, QueueRow, SiteRow } from './site-rows.util';

const WEEKDAY = ['S', 'M', 'T', 'W', 'T', 'F', 'S'];

function cellTitle(what: string, c: DayCell): string {
  if (c.completed + c.failed === 0) {
    return `${what} · ${c.day}: no finished job${c.total > 0 ? ` (${c.total} in flight or lost)` : ''}`;
  }
  const pct = ((c.efficiency ?? 0) * 100).toFixed(1);
  return `${what} · ${c.day}: ${pct} % — ${c.completed} completed, ${c.failed} failed`;
}

/** The cell's figure: the efficiency in whole percent, nothing on a grey day. */
function figure(c: DayCell): string {
  return c.efficiency === null ? '' : String(Math.floor(c.efficiency * 100));
}

function Cells({ what, days, window }: { what: string; days: readonly DayCell[]; window: DayCell }) {
  return (
    <>
      {days.map((c) => (
        <EfficiencyCell key={c.day} efficiency={c.efficiency} title={cellTitle(what, c)}>
          {figure(c)}
        </EfficiencyCell>
      ))}
      <EfficiencyCell
        efficiency={window.efficiency}
        title={cellTitle(`${what}, whole window`, { ...window, day: 'all days' })}
      >
        {figure(window)}
      </EfficiencyCell>
    </>
  );
}

/** The badges of the queues that need a look (not online, or in an outage), each linking to its queue. */
function SiteAlerts({ site }: { site: SiteRow }) {
  const alerts = site.queues.filter((q) => q.statuses.some((s) => s !== 'online'));
  const online = site.queues.length - alerts.length;
  return (
    <span className="site-status">
      <span className="muted" title={`${site.queues.length} queues, ${online} online and in no outage`}>
        {online}/{site.queues.length} ok
      </span>
      {alerts.map((q) => (
        <Link key={q.id} to={`/queues/${encodeURIComponent(q.id)}`} className="queue-alert" data-queue-id={q.id}>
          {q.id}{' '}
          {q.statuses
            .filter((s) => s !== 'online')
            .map((s) => (
              <StatusBadge key={s} status={s} />
            ))}
        </Link>
      ))}
    </span>
  );
}

function QueueLine({ row }: { row: QueueRow }) {
  const outageTitle = row.outages.map((o) => `${scopeLabel(o.scope)}: ${o.reason}`).join('\n');
  return (
    <tr className="queue-line" data-testid="site-queue-row" data-queue-id={row.id} data-status={row.queue?.status}>
      <td className="site-name queue-name" colSpan={2}>
        <Link to={`/queues/${encodeURIComponent(row.id)}`}>{row.id}</Link>
        {row.queue && <span className="muted backend"> {row.queue.backend}</span>}
      </td>
      <td className="alerts-col">
        {row.statuses.map((s) => (
          <StatusBadge
            key={s}
            status={s}
            title={
              s === 'outage'
                ? outageTitle
                : row.queue
                  ? `${s} since ${row.queue.statusSince}${row.queue.statusSetBy ? ` (${row.queue.statusSetBy})` : ''}`
                  : undefined
            }
          />
        ))}
      </td>
      <Cells what={row.id} days={row.days} window={row.window} />
    </tr>
  );
}

/**
 * Sites × days, each cell coloured by the efficiency of the day's finished jobs (grey none, red 0, yellow < 50 %,
 * green otherwise); a site row opens onto its queues, each with its status badges and a link to its page.
 */
export function SiteMatrix({
  sites,
  days,
  expanded,
  onToggle,
}: {
  sites: readonly SiteRow[];
  days: readonly string[];
  expanded: ReadonlySet<string>;
  onToggle(siteId: string): void;
}) {
  return (
    <div className="table-wrap matrix-wrap">
      <table className="data-table site-matrix" data-testid="site-matrix">
        <thead>
          <tr>
            <th scope="col" className="toggle-col" aria-label="open" />
            <th scope="col">site</th>
            <th scope="col">queues</th>
            {days.map((d) => {
              const date = new Date(`${d}T00:00:00Z`);
              return (
                <th key={d} scope="col" className="day-col" title={d}>
                  <span className="weekday">{WEEKDAY[date.getUTCDay()]}</span>
                  {d.slice(5)}
                </th>
              );
            })}
            <th scope="col" className="day-col" title="all the days shown">
              all
            </th>
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => {
            const open = expanded.has(site.id);
            return (
              <Fragment key={site.id}>
                <tr className={`site-line${open ? ' open' : ''}`} data-testid="site-row" data-site-id={site.id}>
                  <td className="toggle-col">
                    <button
                      type="button"
                      className="link-button toggle"
                      aria-expanded={open}
                      aria-label={`${open ? 'hide' : 'show'} the queues of ${site.id}`}
                      data-testid="site-toggle"
                      onClick={() => onToggle(site.id)}
                    >
                      {open ? '▾' : '▸'}
                    </button>
                  </td>
                  <th scope="row" className="site-name" title={site.name}>
                    {site.id}
                  </th>
                  <td className="alerts-col">
                    <SiteAlerts site={site} />
                  </td>
                  <Cells what={site.id} days={site.days} window={site.window} />
                </tr>
                {open && site.queues.map((q) => <QueueLine key={q.id} row={q} />)}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
