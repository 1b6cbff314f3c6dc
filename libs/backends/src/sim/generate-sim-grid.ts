import { between, createPrng, type Prng } from './prng.util';
import type { SimQueueModel } from './sim-queue-model';
import { WLCG_SITES } from './wlcg-sites.constant';

/** Behaviour a simulated queue was generated with (also its `sim_profile` label). */
export type SimProfile = 'healthy' | 'flaky' | 'black-hole' | 'slow';

export interface SimGridOptions {
  readonly seed: number;
  /** Default 20. */
  readonly sites?: number;
  /** Default 2. */
  readonly queuesPerSite?: number;
  /** Multiplies every duration (default 1: waits ~1-10 s, runs ~5-40 s, for demos). */
  readonly timeScale?: number;
}

export interface SimGridSite {
  readonly id: string;
  readonly name: string;
  readonly labels: { readonly country: string; readonly tier: string; readonly vo: string };
}

export interface SimGridQueue {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly backend: 'sim';
  readonly backendConfig: SimQueueModel;
  readonly labels: Readonly<Record<string, string>>;
}

export interface SimGrid {
  readonly sites: readonly SimGridSite[];
  readonly queues: readonly SimGridQueue[];
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

function modelFor(profile: SimProfile, prng: Prng, scale: number): SimQueueModel {
  const wait = {
    kind: 'lognormal',
    median: round(between(prng, 2, 4) * scale, 3),
    sigma: 0.5,
    max: 10 * scale,
  } as const;
  const run = {
    kind: 'lognormal',
    median: round(between(prng, 12, 20) * scale, 3),
    sigma: 0.4,
    max: 40 * scale,
  } as const;
  const eventsPerSecond = round(between(prng, 5, 20), 1);
  const healthyFailure = round(between(prng, 0.02, 0.05), 3);
  switch (profile) {
    case 'healthy':
      return {
        failureProbability: healthyFailure,
        queueWaitSeconds: wait,
        runSeconds: run,
        errorClass: 'site',
        eventsPerSecond,
      };
    case 'flaky':
      return {
        failureProbability: round(between(prng, 0.25, 0.4), 3),
        queueWaitSeconds: wait,
        runSeconds: run,
        errorClass: 'site',
        eventsPerSecond,
      };
    case 'black-hole':
      // Takes every job at once and kills it within seconds: the classic grid black hole.
      return {
        failureProbability: 1,
        queueWaitSeconds: { kind: 'uniform', min: 0.5 * scale, max: 2 * scale },
        runSeconds: run,
        failFastSeconds: round(1.5 * scale, 3),
        errorClass: 'site',
        errorMessages: ['pilot lost heartbeat: worker node rebooted', 'worker node out of local disk space'],
        eventsPerSecond,
      };
    case 'slow':
      return {
        failureProbability: healthyFailure,
        queueWaitSeconds: { kind: 'lognormal', median: 45 * scale, sigma: 0.3, max: 90 * scale },
        runSeconds: run,
        errorClass: 'site',
        eventsPerSecond,
      };
  }
}

/** Profiles of `count` queues: one black hole, one slow queue, ~10% flaky, the rest healthy; shuffled by `prng`. */
function profilesFor(count: number, prng: Prng): SimProfile[] {
  const profiles: SimProfile[] = Array.from({ length: count }, () => 'healthy');
  if (count < 4) {
    return profiles;
  }
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(prng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  profiles[order[0]] = 'black-hole';
  profiles[order[1]] = 'slow';
  const flaky = Math.max(1, Math.round(count * 0.1));
  for (let k = 0; k < flaky; k++) {
    profiles[order[2 + k]] = 'flaky';
  }
  return profiles;
}

/**
 * A plausible WLCG-like simulated grid: sites with country/tier/VO labels and `queuesPerSite` sim
 * queues each (`CERN-PROD_SIM1`, …). The same options always give the same grid.
 */
export function generateSimGrid(options: SimGridOptions): SimGrid {
  const siteCount = options.sites ?? 20;
  const queuesPerSite = options.queuesPerSite ?? 2;
  const scale = options.timeScale ?? 1;
  if (!Number.isInteger(siteCount) || siteCount < 1) {
    throw new Error(`sites must be a positive integer, got ${siteCount}`);
  }
  if (!Number.isInteger(queuesPerSite) || queuesPerSite < 1) {
    throw new Error(`queuesPerSite must be a positive integer, got ${queuesPerSite}`);
  }
  if (!(scale > 0)) {
    throw new Error(`timeScale must be positive, got ${scale}`);
  }
  const sites: SimGridSite[] = Array.from({ length: siteCount }, (_, i) => {
    const known = WLCG_SITES[i];
    if (known !== undefined) {
      return { id: known.id, name: known.name, labels: { country: known.country, tier: known.tier, vo: known.vo } };
    }
    const n = String(i + 1).padStart(3, '0');
    return { id: `SIM-SITE-${n}`, name: `Simulated site ${n}`, labels: { country: 'XX', tier: '2', vo: 'atlas' } };
  });
  const prng = createPrng('sim-grid', options.seed);
  const profiles = profilesFor(siteCount * queuesPerSite, prng);
  const queues: SimGridQueue[] = sites.flatMap((site, s) =>
    Array.from({ length: queuesPerSite }, (_, q) => {
      const profile = profiles[s * queuesPerSite + q];
      return {
        id: `${site.id}_SIM${q + 1}`,
        siteId: site.id,
        name: `${site.id} simulated queue ${q + 1}`,
        backend: 'sim' as const,
        backendConfig: modelFor(profile, prng, scale),
        labels: { ...site.labels, site: site.id, sim_profile: profile },
      };
    }),
  );
  return { sites, queues };
}
