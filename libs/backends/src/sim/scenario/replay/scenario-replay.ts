import { MS_PER } from '../realise/ms-per.constant';
import { realiseScenario } from '../realise/realise-scenario.util';
import type { RealisedQueue, RealisedScenario } from '../realise/realised-scenario.types';
import type { ScenarioDescription } from '../scenario.types';
import { computeScenarioOutcome, type ScenarioOutcome } from './scenario-outcome';

/**
 * A scenario realised for one seed and mapped onto wall time: scenario hour `h` happens at
 * `hour0 + h · 3600 s / timeScale`, where `hour0` is a wall-clock moment every submitter shares (the
 * SimBackend keeps it in Redis). Pure: the moment is passed in.
 */
export class ScenarioReplay {
  readonly realised: RealisedScenario;
  private readonly queues: ReadonlyMap<string, RealisedQueue>;

  constructor(
    readonly description: ScenarioDescription,
    readonly seed: number,
    /** Scenario seconds per real second. */
    readonly timeScale: number,
    /** Scenario hour at the moment the replay is first anchored. */
    readonly startHour: number,
  ) {
    if (!(Number.isFinite(timeScale) && timeScale > 0)) {
      throw new Error(`sim timeScale must be a positive number, got ${timeScale}`);
    }
    if (!(Number.isFinite(startHour) && startHour >= 0 && startHour < description.durationHours)) {
      throw new Error(`sim startHour must be within [0,${description.durationHours}), got ${startHour}`);
    }
    this.realised = realiseScenario(description, seed);
    this.queues = new Map(this.realised.queues.map((q) => [q.id, q]));
  }

  get name(): string {
    return this.description.name;
  }

  /** Identifies the replay's settings: replays with other settings get an anchor of their own. */
  get anchorId(): string {
    return [this.name, this.seed, this.timeScale, this.startHour].join(':');
  }

  queue(id: string): RealisedQueue | undefined {
    return this.queues.get(id);
  }

  /** The hour 0 an instance anchoring the replay at `nowMs` proposes. */
  proposedHour0(nowMs: number): number {
    return Math.round(nowMs - (this.startHour * MS_PER.hour) / this.timeScale);
  }

  /** Wall time from `nowMs` to the scenario's end, plus `retainMs`: how long the anchor must be kept. */
  anchorTtlMs(hour0: number, nowMs: number, retainMs: number): number {
    const endMs = hour0 + (this.description.durationHours * MS_PER.hour) / this.timeScale;
    return Math.max(1, Math.ceil(endMs - nowMs + retainMs));
  }

  /** Scenario time (the description's epoch-ms calendar) at wall time `wallMs`. */
  scenarioTime(hour0: number, wallMs: number): number {
    return this.realised.start + (wallMs - hour0) * this.timeScale;
  }

  /** Scenario hour at wall time `wallMs` (past `durationHours` once the scenario is over). */
  scenarioHour(hour0: number, wallMs: number): number {
    return (wallMs - hour0) * (this.timeScale / MS_PER.hour);
  }

  /** The outcome of a job submitted at `submittedWallMs` to a queue playing `queue`. */
  outcome(
    jobId: string,
    queue: RealisedQueue,
    hour0: number,
    submittedWallMs: number,
    timeLimitSeconds?: number,
  ): ScenarioOutcome {
    return computeScenarioOutcome(this.seed, jobId, {
      queue,
      timing: this.realised.timing,
      submittedAt: this.scenarioTime(hour0, submittedWallMs),
      timeScale: this.timeScale,
      ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }),
    });
  }
}
