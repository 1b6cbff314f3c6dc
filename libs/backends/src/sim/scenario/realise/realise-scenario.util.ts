import type { GridIncident, QueueSpec, ScenarioDescription } from '../scenario.types';
import { backgroundQueues } from './background-queues.util';
import type { BrokenInterval, CentralOutageTruth, QueueTruth } from './ground-truth.types';
import { mergeIntervals } from './merge-intervals.util';
import { MS_PER } from './ms-per.constant';
import { createScenarioPrng, type ScenarioPrng } from './scenario-prng.util';
import { realiseIncident } from './realise-incident.util';
import type { FailureSegment, RealisedQueue, RealisedScenario } from './realised-scenario.types';
import { streamSeed } from './stream-seed.util';

interface QueueDraft {
  readonly spec: QueueSpec;
  readonly queue: Omit<RealisedQueue, 'segments'>;
  readonly segments: FailureSegment[];
  readonly intervals: BrokenInterval[];
}

/**
 * Makes every random choice of a scenario for one seed (per-queue cadence and background rate,
 * flapping phases, the queues a central outage hits) and derives the ground truth from the result.
 * Deterministic: the same description and seed give the same realisation.
 */
export function realiseScenario(description: ScenarioDescription, seed: number): RealisedScenario {
  const { grid } = description;
  const start = description.startTime;
  const end = start + description.durationHours * MS_PER.hour;
  const drafts = [...backgroundQueues(grid), ...description.queues].map((spec): QueueDraft => {
    const prng = createScenarioPrng(streamSeed(seed, description.name, 'queue', spec.id));
    const cadenceMinutes = prng.between(...(spec.cadenceMinutes ?? grid.timing.cadenceMinutes));
    const backgroundRate = prng.between(...grid.backgroundFailureRate);
    const baseline = spec.baseline;
    const failureRate = baseline.kind === 'flaky' ? baseline.failureRate : backgroundRate;
    const queue = {
      id: spec.id,
      site: spec.site,
      templates: grid.templates,
      cadenceMinutes,
      failureRate,
      errorMix: baseline.kind === 'flaky' ? baseline.errorMix : grid.backgroundErrorMix,
      durationFactor: baseline.kind === 'slow' ? baseline.durationFactor : 1,
    };
    const realised = spec.incidents.map((incident) =>
      realiseIncident(incident, { start, end, baselineFailureRate: failureRate, prng }),
    );
    return {
      spec,
      queue,
      segments: realised.flatMap((r) => r.segments),
      intervals: realised.flatMap((r) => r.intervals),
    };
  });
  const centralOutages = description.incidents.flatMap((incident, index) =>
    applyGridIncident(
      incident,
      drafts,
      { start, end },
      createScenarioPrng(streamSeed(seed, description.name, 'grid', `${index}`)),
    ),
  );
  const queues: QueueTruth[] = drafts.map((draft) => ({
    queueId: draft.queue.id,
    siteId: draft.queue.site,
    templates: draft.queue.templates,
    baseline: draft.spec.baseline.kind,
    special: description.queues.includes(draft.spec),
    brokenIntervals: mergeIntervals(draft.intervals),
  }));
  return {
    name: description.name,
    seed,
    start,
    end,
    timing: grid.timing,
    queues: drafts.map((draft) => ({ ...draft.queue, segments: draft.segments })),
    truth: { scenario: description.name, seed, start, end, queues, centralOutages },
  };
}

/** Adds a grid incident's segments (and broken intervals) to the queues it hits. */
function applyGridIncident(
  incident: GridIncident,
  drafts: readonly QueueDraft[],
  bounds: { start: number; end: number },
  prng: ScenarioPrng,
): CentralOutageTruth[] {
  const from = bounds.start + incident.window.fromHour * MS_PER.hour;
  const until = Math.min(
    bounds.end,
    incident.window.untilHour === undefined ? bounds.end : bounds.start + incident.window.untilHour * MS_PER.hour,
  );
  const segment: FailureSegment = {
    from,
    until,
    failureFrom: incident.failureRate,
    failureTo: incident.failureRate,
    errorMix: incident.errorMix,
    failureMinutes: incident.kind === 'central-outage' ? incident.failureMinutes : undefined,
    hitsRunningJobs: incident.hitsRunningJobs,
  };
  switch (incident.kind) {
    case 'site-outage':
      for (const draft of drafts.filter((d) => d.queue.site === incident.site)) {
        draft.segments.push(segment);
        draft.intervals.push({ from, until, repaired: until < bounds.end, cause: 'site-outage', evidenceUntil: until });
      }
      return [];
    case 'central-outage': {
      // A seeded shuffle picks exactly round(fraction × queues) queues.
      const order = drafts.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(prng.next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const hit = order.slice(0, Math.round(incident.affectedFraction * drafts.length)).sort((a, b) => a - b);
      for (const index of hit) {
        drafts[index].segments.push(segment);
      }
      return [{ from, until, evidenceUntil: until, queueIds: hit.map((index) => drafts[index].queue.id) }];
    }
  }
}
