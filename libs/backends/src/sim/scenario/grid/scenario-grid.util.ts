import { ERROR_CLASS_NAMES, type ErrorClassName } from '../../../backend-job-status';
import type { SimGridSite } from '../../generate-sim-grid';
import type { SimQueueModel } from '../../sim-queue-model';
import { WLCG_SITES } from '../../wlcg-sites.constant';
import { realiseScenario } from '../realise/realise-scenario.util';
import type { RealisedQueue } from '../realise/realised-scenario.types';
import { SCENARIO_QUEUE_WAIT_MINUTES } from '../replay/scenario-outcome';
import type { ErrorMix, JobTiming, ScenarioDescription } from '../scenario.types';

/** A queue's `backend_config` when it plays a scenario queue: the queue's name, plus a model for when no scenario is loaded. */
export type ScenarioQueueConfig = SimQueueModel & { readonly scenarioQueue: string };

export interface ScenarioGridQueue {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly backend: 'sim';
  readonly backendConfig: ScenarioQueueConfig;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ScenarioGrid {
  readonly scenario: string;
  readonly sites: readonly SimGridSite[];
  readonly queues: readonly ScenarioGridQueue[];
  /** The scenario's golden templates (every one runs on every queue). */
  readonly templates: readonly string[];
}

/** Label every scenario queue carries, so templates can select the scenario grid apart from the demo grid. */
export const SCENARIO_GRID_LABEL = { sim_grid: 'scenario' } as const;

/**
 * The sites and sim queues a scenario needs in the database to be replayed live: one queue per queue of
 * the realised scenario (background and named), with the same id, playing itself
 * (`backend_config.scenarioQueue`). The fallback model approximates the queue's baseline at `timeScale`.
 */
export function buildScenarioGrid(
  description: ScenarioDescription,
  options: { readonly seed: number; readonly timeScale: number },
): ScenarioGrid {
  if (!(Number.isFinite(options.timeScale) && options.timeScale > 0)) {
    throw new Error(`timeScale must be a positive number, got ${options.timeScale}`);
  }
  const realised = realiseScenario(description, options.seed);
  const siteIds = [...new Set(realised.queues.map((q) => q.site))];
  const sites = siteIds.map((id): SimGridSite => {
    const known = WLCG_SITES.find((s) => s.id === id);
    return known === undefined
      ? { id, name: id, labels: { country: 'XX', tier: '2', vo: 'atlas' } }
      : { id, name: known.name, labels: { country: known.country, tier: known.tier, vo: known.vo } };
  });
  const siteLabels = new Map(sites.map((s) => [s.id, s.labels]));
  const baselines = new Map([...description.queues].map((q) => [q.id, q.baseline.kind]));
  const queues = realised.queues.map((queue): ScenarioGridQueue => ({
    id: queue.id,
    siteId: queue.site,
    name: `${queue.id} (sim scenario queue)`,
    backend: 'sim',
    backendConfig: {
      scenarioQueue: queue.id,
      ...fallbackModel(queue, realised.timing, options.timeScale),
    },
    labels: {
      ...siteLabels.get(queue.site),
      site: queue.site,
      sim_profile: baselines.get(queue.id) ?? 'healthy',
      ...SCENARIO_GRID_LABEL,
    },
  }));
  return { scenario: description.name, sites, queues, templates: description.grid.templates };
}

const round = (value: number): number => Number(value.toFixed(3));

/** The queue's baseline as a plain model (incidents left out), durations in real seconds at `timeScale`. */
function fallbackModel(queue: RealisedQueue, timing: JobTiming, timeScale: number): SimQueueModel {
  const seconds = (minutes: number): number => round((minutes * 60 * queue.durationFactor) / timeScale);
  return {
    failureProbability: round(queue.failureRate),
    queueWaitSeconds: {
      kind: 'uniform',
      min: round((SCENARIO_QUEUE_WAIT_MINUTES[0] * 60) / timeScale),
      max: round((SCENARIO_QUEUE_WAIT_MINUTES[1] * 60) / timeScale),
    },
    runSeconds: { kind: 'uniform', min: seconds(timing.successMinutes[0]), max: seconds(timing.successMinutes[1]) },
    errorClass: dominantClass(queue.errorMix),
    eventsPerSecond: round(10 / queue.durationFactor),
  };
}

function dominantClass(mix: ErrorMix): ErrorClassName {
  return ERROR_CLASS_NAMES.reduce((best, c) => ((mix[c] ?? 0) > (mix[best] ?? 0) ? c : best), 'unknown');
}
