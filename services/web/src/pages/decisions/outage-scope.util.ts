import type { Outage } from './decision.types';

interface QueueLike {
  id: string;
  site: { id: string };
  labels: Record<string, string>;
}

/**
 * Whether an outage's scope covers a queue: `global` every queue, `site:<id>` the site's queues, `label:<k>=<v>` the
 * queues carrying that label (libs/policy scope values); a queue the outage names among its failing ones too.
 */
export function outageCovers(outage: Pick<Outage, 'scope' | 'evidence'>, queue: QueueLike): boolean {
  const { scope } = outage;
  if (scope === 'global') {
    return true;
  }
  if (scope.startsWith('site:')) {
    if (scope.slice('site:'.length) === queue.site.id) {
      return true;
    }
  } else if (scope.startsWith('label:')) {
    const pair = scope.slice('label:'.length);
    const eq = pair.indexOf('=');
    if (eq > 0 && queue.labels[pair.slice(0, eq)] === pair.slice(eq + 1)) {
      return true;
    }
  }
  const named = outage.evidence.queueIds;
  return Array.isArray(named) && named.includes(queue.id);
}

/** The open outages covering a queue. */
export function openOutagesOf(outages: readonly Outage[] | undefined, queue: QueueLike): Outage[] {
  return (outages ?? []).filter((o) => o.state === 'open' && outageCovers(o, queue));
}
