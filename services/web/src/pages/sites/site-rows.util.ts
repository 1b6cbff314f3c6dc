import type { QueueStatus } from '../../components';
import type { Outage } from '../decisions/decision.types';
import { openOutagesOf } from '../decisions/outage-scope.util';
import type { Queue, QueueHistoryMatrix, QueueHistoryRow } from '../queue/queue.types';

/** One day of a site or queue: the finished jobs behind the colour. */
export interface DayCell {
  day: string;
  completed: number;
  failed: number;
  total: number;
  /** completed / (completed + failed); null when nothing finished (grey). */
  efficiency: number | null;
}

export interface QueueRow {
  id: string;
  /** From the queue list; undefined when the list does not have it (yet). */
  queue?: Queue;
  /** The statuses shown as badges: the queue's own, plus `outage` when an open outage covers it. */
  statuses: QueueStatus[];
  outages: Outage[];
  days: DayCell[];
  window: DayCell;
}

export interface SiteRow {
  id: string;
  name?: string;
  queues: QueueRow[];
  days: DayCell[];
  window: DayCell;
  counts: Record<QueueStatus, number>;
}

function efficiencyOf(completed: number, failed: number): number | null {
  return completed + failed > 0 ? completed / (completed + failed) : null;
}

function sumCells(day: string, cells: readonly DayCell[]): DayCell {
  let completed = 0;
  let failed = 0;
  let total = 0;
  for (const c of cells) {
    completed += c.completed;
    failed += c.failed;
    total += c.total;
  }
  return { day, completed, failed, total, efficiency: efficiencyOf(completed, failed) };
}

function queueDays(row: QueueHistoryRow, days: readonly string[]): DayCell[] {
  return days.map((day, i) => ({
    day,
    completed: row.completed[i] ?? 0,
    failed: row.failed[i] ?? 0,
    total: row.total[i] ?? 0,
    efficiency: row.efficiency[i] ?? null,
  }));
}

/** Whether a queue carries every `key=value` label of `labels`. */
export function hasLabels(queue: Queue | undefined, labels: readonly [string, string][]): boolean {
  return labels.every(([k, v]) => queue?.labels[k] === v);
}

/**
 * The matrix's rows: the history's queues grouped by site (the API's order, by site then queue), each site's day
 * summed over its queues, with the queues' statuses from the queue list and the open outages. `extraLabels` are
 * label filters the API was not given (it takes one here): queues without them are left out.
 */
export function buildSiteRows(
  matrix: QueueHistoryMatrix,
  queues: readonly Queue[] | undefined,
  outages: readonly Outage[] | undefined,
  extraLabels: readonly [string, string][] = [],
): SiteRow[] {
  const byId = new Map((queues ?? []).map((q) => [q.id, q]));
  const sites: SiteRow[] = [];
  const lastDay = matrix.days[matrix.days.length - 1] ?? '';
  for (const row of matrix.items) {
    const queue = byId.get(row.queueId);
    if (extraLabels.length > 0 && !hasLabels(queue, extraLabels)) {
      continue;
    }
    const days = queueDays(row, matrix.days);
    const inOutage = queue ? openOutagesOf(outages, queue) : [];
    const statuses: QueueStatus[] = queue ? [queue.status] : [];
    if (inOutage.length > 0) {
      statuses.push('outage');
    }
    const queueRow: QueueRow = {
      id: row.queueId,
      queue,
      statuses,
      outages: inOutage,
      days,
      window: sumCells(lastDay, days),
    };
    let site = sites[sites.length - 1];
    if (site?.id !== row.siteId) {
      site = {
        id: row.siteId,
        name: queue?.site.name,
        queues: [],
        days: [],
        window: sumCells(lastDay, []),
        counts: { online: 0, excluded: 0, offline: 0, outage: 0 },
      };
      sites.push(site);
    }
    site.queues.push(queueRow);
    site.name ??= queue?.site.name;
    for (const s of statuses) {
      site.counts[s] += 1;
    }
  }
  for (const site of sites) {
    site.days = matrix.days.map((day, i) =>
      sumCells(
        day,
        site.queues.map((q) => q.days[i]),
      ),
    );
    site.window = sumCells(
      lastDay,
      site.queues.map((q) => q.window),
    );
  }
  return sites;
}

/** A site needs a look: a queue not online (or in an outage), or a red or yellow day. */
export function hasProblem(site: SiteRow): boolean {
  return (
    site.counts.excluded + site.counts.offline + site.counts.outage > 0 ||
    site.days.some((d) => d.efficiency !== null && d.efficiency < 0.5)
  );
}

/** Worst first: the lowest efficiency over the window, sites without finished jobs last. */
export function byWorst(a: SiteRow, b: SiteRow): number {
  const ea = a.window.efficiency;
  const eb = b.window.efficiency;
  if (ea === null || eb === null) {
    return ea === eb ? a.id.localeCompare(b.id) : ea === null ? 1 : -1;
  }
  return ea - eb || a.id.localeCompare(b.id);
}

/** `tier=2, cloud=US` (comma- or space-separated) → pairs; a part without `=` is returned in `bad`. */
export function parseLabelFilter(text: string): { pairs: [string, string][]; bad: string[] } {
  const pairs: [string, string][] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) {
      bad.push(part);
    } else {
      pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  return { pairs, bad };
}
