import type { EngineDecision, JobOutcome } from '../engine.types';
import { PolicyEngine } from '../engine/policy-engine';
import type { Policy } from '../policy/policy.types';

export const DEFAULT_TICK_INTERVAL_MS = 60_000;

/**
 * Feeds a time-ordered stream of outcomes to a fresh engine, ticking at every multiple of
 * `tickIntervalMs` of trace time that passes between outcomes, and once more at the end (`finish`).
 * Used by `replay` (all at once) and by the CLI (line by line).
 */
export class ReplaySession {
  readonly engine: PolicyEngine;
  private nextTick: number | undefined;
  private lastTime: number | undefined;

  constructor(
    policy: Policy,
    private readonly tickIntervalMs = DEFAULT_TICK_INTERVAL_MS,
  ) {
    if (!(tickIntervalMs > 0)) {
      throw new Error(`tickIntervalMs must be positive, got ${tickIntervalMs}`);
    }
    this.engine = new PolicyEngine(policy);
  }

  feed(outcome: JobOutcome): EngineDecision[] {
    const decisions: EngineDecision[] = [];
    if (this.nextTick === undefined) {
      this.nextTick = (Math.floor(outcome.time / this.tickIntervalMs) + 1) * this.tickIntervalMs;
    }
    while (this.nextTick <= outcome.time) {
      decisions.push(...this.engine.tick(this.nextTick));
      this.nextTick += this.tickIntervalMs;
    }
    this.lastTime = Math.max(this.lastTime ?? outcome.time, outcome.time);
    decisions.push(...this.engine.observe(outcome));
    return decisions;
  }

  /** The final tick, at the time of the last outcome. */
  finish(): EngineDecision[] {
    return this.lastTime === undefined ? [] : this.engine.tick(this.lastTime);
  }
}
