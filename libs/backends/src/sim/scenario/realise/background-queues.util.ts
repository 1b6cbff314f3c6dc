import type { GridSpec, QueueSpec } from '../scenario.types';

/** The healthy background queues of a grid: `<site>_<suffix>`, suffixes in order per site. */
export function backgroundQueues(grid: GridSpec): QueueSpec[] {
  return grid.sites.flatMap((site) =>
    Array.from({ length: site.queues }, (_, index) => {
      const suffix = grid.queueSuffixes[index] ?? `Q${index + 1}`;
      return { id: `${site.id}_${suffix}`, site: site.id, baseline: { kind: 'healthy' }, incidents: [] } as const;
    }),
  );
}
