import type { GroundTruth } from '@anvil/backends';

/** The ground truth as written to `<name>.truth.json`: the same shape, times as ISO-8601. */
export function truthDocument(truth: GroundTruth, summary: string): Record<string, unknown> {
  const iso = (time: number): string => new Date(time).toISOString();
  return {
    scenario: truth.scenario,
    summary,
    seed: truth.seed,
    start: iso(truth.start),
    end: iso(truth.end),
    queues: truth.queues.map((queue) => ({
      queue: queue.queueId,
      site: queue.siteId,
      templates: queue.templates,
      baseline: queue.baseline,
      special: queue.special,
      brokenIntervals: queue.brokenIntervals.map((b) => ({
        from: iso(b.from),
        until: iso(b.until),
        repaired: b.repaired,
        cause: b.cause,
        evidenceUntil: iso(b.evidenceUntil),
      })),
    })),
    centralOutages: truth.centralOutages.map((outage) => ({
      from: iso(outage.from),
      until: iso(outage.until),
      evidenceUntil: iso(outage.evidenceUntil),
      queues: outage.queueIds,
    })),
  };
}
