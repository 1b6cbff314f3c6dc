import { BLACK_HOLE_SCENARIO } from '../catalogue/black-hole.scenario';
import { CENTRAL_OUTAGE_SCENARIO } from '../catalogue/central-outage.scenario';
import { FLAKY_SCENARIO } from '../catalogue/flaky.scenario';
import { FLAPPING_SCENARIO } from '../catalogue/flapping.scenario';
import { LOW_VOLUME_SCENARIO } from '../catalogue/low-volume.scenario';
import { SITE_OUTAGE_REPAIR_SCENARIO } from '../catalogue/site-outage-repair.scenario';
import { SITE_WIDE_SCENARIO } from '../catalogue/site-wide.scenario';
import { SLOW_DEGRADATION_SCENARIO } from '../catalogue/slow-degradation.scenario';
import { MS_PER } from '../realise/ms-per.constant';
import { realiseScenario } from '../realise/realise-scenario.util';
import type { RealisedScenario } from '../realise/realised-scenario.types';
import type { ScenarioDescription } from '../scenario.types';
import { computeScenarioOutcome, type ScenarioOutcome } from './scenario-outcome';

const SEED = 3;
const TIME_SCALE = 60; // a scenario minute is a real second

const realised = new Map<string, RealisedScenario>();
function realise(description: ScenarioDescription): RealisedScenario {
  const known = realised.get(description.name) ?? realiseScenario(description, SEED);
  realised.set(description.name, known);
  return known;
}

/** `n` jobs submitted to `queueId` at scenario hour `hour`. */
function jobs(
  description: ScenarioDescription,
  queueId: string,
  hour: number,
  n = 4000,
  seed = SEED,
): ScenarioOutcome[] {
  const scenario = realise(description);
  const queue = scenario.queues.find((q) => q.id === queueId)!;
  const submittedAt = scenario.start + hour * MS_PER.hour;
  return Array.from({ length: n }, (_, i) =>
    computeScenarioOutcome(seed, `${queueId}-${hour}-${i}`, {
      queue,
      timing: scenario.timing,
      submittedAt,
      timeScale: TIME_SCALE,
    }),
  );
}

const failed = (outcomes: readonly ScenarioOutcome[]): ScenarioOutcome[] =>
  outcomes.filter((o) => o.state === 'failed');
const failureShare = (outcomes: readonly ScenarioOutcome[]): number => failed(outcomes).length / outcomes.length;
const classShare = (outcomes: readonly ScenarioOutcome[], errorClass: string): number => {
  const failures = failed(outcomes);
  return failures.filter((o) => o.errorClass === errorClass).length / failures.length;
};
const baseRate = (description: ScenarioDescription, queueId: string): number =>
  realise(description).queues.find((q) => q.id === queueId)!.failureRate;
const runSeconds = (outcomes: readonly ScenarioOutcome[]): number[] => outcomes.map((o) => o.runSeconds);

describe('computeScenarioOutcome', () => {
  it('gives the same outcome for the same seed and job, and others for another seed', () => {
    const a = jobs(FLAKY_SCENARIO, 'RAL-LCG2_FLAKY', 5, 200);
    expect(jobs(FLAKY_SCENARIO, 'RAL-LCG2_FLAKY', 5, 200)).toEqual(a);
    expect(jobs(FLAKY_SCENARIO, 'RAL-LCG2_FLAKY', 5, 200, SEED + 1)).not.toEqual(a);
  });

  it('fails a healthy queue at its background rate with the grid mix, in the grid durations', () => {
    const outcomes = jobs(BLACK_HOLE_SCENARIO, 'CERN-PROD_UCORE', 10, 20_000);
    const rate = baseRate(BLACK_HOLE_SCENARIO, 'CERN-PROD_UCORE');
    expect(rate).toBeGreaterThanOrEqual(0.01);
    expect(Math.abs(failureShare(outcomes) - rate)).toBeLessThan(0.004);
    expect(classShare(outcomes, 'site')).toBeGreaterThan(0.25);
    expect(classShare(outcomes, 'workload')).toBeGreaterThan(0.15);
    const successes = runSeconds(outcomes.filter((o) => o.state === 'completed'));
    expect(Math.min(...successes)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...successes)).toBeLessThanOrEqual(120);
    expect(Math.max(...runSeconds(failed(outcomes)))).toBeLessThanOrEqual(60);
    expect(Math.min(...outcomes.map((o) => o.waitSeconds))).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...outcomes.map((o) => o.waitSeconds))).toBeLessThanOrEqual(3);
  });

  it('fails a flaky queue at its fixed rate with site errors all the time', () => {
    for (const hour of [1, 50]) {
      const outcomes = jobs(FLAKY_SCENARIO, 'RAL-LCG2_FLAKY', hour);
      expect(Math.abs(failureShare(outcomes) - 0.1)).toBeLessThan(0.02);
      expect(classShare(outcomes, 'site')).toBe(1);
    }
  });

  it('runs every job of a slow queue 3 times longer, at a third of the event rate', () => {
    const outcomes = jobs(FLAKY_SCENARIO, 'CERN-PROD_SLOW', 10).filter((o) => o.state === 'completed');
    expect(Math.min(...runSeconds(outcomes))).toBeGreaterThanOrEqual(60);
    expect(Math.max(...runSeconds(outcomes))).toBeLessThanOrEqual(360);
    const mean = runSeconds(outcomes).reduce((a, b) => a + b, 0) / outcomes.length;
    expect(mean).toBeGreaterThan(190);
    expect(mean).toBeLessThan(230);
    expect(Math.max(...outcomes.map((o) => o.eventsPerSecond))).toBeLessThan(10 / 3 + 0.6);
  });

  it('fails every job of a black hole within 1-5 scenario minutes with site errors, only in its window', () => {
    const inside = jobs(BLACK_HOLE_SCENARIO, 'TRIUMF_BLACKHOLE', 30);
    expect(failureShare(inside)).toBe(1);
    expect(classShare(inside, 'site')).toBe(1);
    expect(Math.min(...runSeconds(inside))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...runSeconds(inside))).toBeLessThanOrEqual(5);
    for (const hour of [10, 61]) {
      expect(failureShare(jobs(BLACK_HOLE_SCENARIO, 'TRIUMF_BLACKHOLE', hour))).toBeLessThan(0.03);
    }
  });

  it('ramps a degrading queue from its background rate to 90 % over 8 h', () => {
    const base = baseRate(SLOW_DEGRADATION_SCENARIO, 'FZK-LCG2_DEGRADING');
    const at = (hour: number): number => failureShare(jobs(SLOW_DEGRADATION_SCENARIO, 'FZK-LCG2_DEGRADING', hour));
    expect(Math.abs(at(10) - base)).toBeLessThan(0.01);
    expect(Math.abs(at(22) - (base + (0.9 - base) / 2))).toBeLessThan(0.03);
    const late = jobs(SLOW_DEGRADATION_SCENARIO, 'FZK-LCG2_DEGRADING', 40);
    expect(Math.abs(failureShare(late) - 0.9)).toBeLessThan(0.02);
    expect(Math.abs(classShare(late, 'site') - 0.8)).toBeLessThan(0.03);
    expect(classShare(late, 'unknown') + classShare(late, 'site')).toBe(1);
  });

  it('fails 97 % of an outage queue inside its window, running jobs too, and recovers after', () => {
    // 97 % fail at their start; the 3 % that run end inside the window (by h26) and fail 97 % at their end.
    const inside = jobs(SITE_OUTAGE_REPAIR_SCENARIO, 'INFN-T1_OUTAGE', 24);
    expect(Math.abs(failureShare(inside) - (1 - 0.03 ** 2))).toBeLessThan(0.002);
    expect(Math.max(...runSeconds(failed(inside)))).toBeLessThanOrEqual(120);
    expect(Math.abs(classShare(inside, 'site') - 0.85)).toBeLessThan(0.03);
    // Started 6 min before the outage, every job ends inside it: it fails at its end.
    const before = jobs(SITE_OUTAGE_REPAIR_SCENARIO, 'INFN-T1_OUTAGE', 19.9);
    expect(failureShare(before)).toBeGreaterThan(0.95);
    expect(failureShare(jobs(SITE_OUTAGE_REPAIR_SCENARIO, 'INFN-T1_OUTAGE', 30))).toBeLessThan(0.03);
  });

  it('spares jobs already running when the outage does not hit running jobs', () => {
    expect(failureShare(jobs(LOW_VOLUME_SCENARIO, 'NDGF-T1_LOWVOL', 11.9))).toBeLessThan(0.03);
    expect(Math.abs(failureShare(jobs(LOW_VOLUME_SCENARIO, 'NDGF-T1_LOWVOL', 20)) - 0.95)).toBeLessThan(0.015);
  });

  it('fails a flapping queue in its broken phases only', () => {
    const scenario = realise(FLAPPING_SCENARIO);
    const [first, second] = scenario.queues.find((q) => q.id === 'IN2P3-CC_FLAPPING')!.segments;
    const hourOf = (time: number): number => (time - scenario.start) / MS_PER.hour;
    const broken = jobs(FLAPPING_SCENARIO, 'IN2P3-CC_FLAPPING', hourOf((first.from + first.until) / 2) - 0.05);
    expect(Math.abs(failureShare(broken) - 0.9)).toBeLessThan(0.02);
    expect(classShare(broken, 'site') + classShare(broken, 'unknown')).toBe(1);
    // Just after the first broken phase (healthy phases last at least 1 h; flapping spares running jobs).
    expect(second.from - first.until).toBeGreaterThanOrEqual(MS_PER.hour);
    expect(failureShare(jobs(FLAPPING_SCENARIO, 'IN2P3-CC_FLAPPING', hourOf(first.until) + 0.05))).toBeLessThan(0.03);
  });

  it('fails every queue of the site in a site outage and no other', () => {
    const site = realise(SITE_WIDE_SCENARIO).queues.filter((q) => q.site === 'BNL-ATLAS');
    expect(site).toHaveLength(6);
    for (const queue of site) {
      // Running jobs too: a job that survives its start (5 %) ends inside the outage and fails there at 95 %.
      const outcomes = jobs(SITE_WIDE_SCENARIO, queue.id, 27, 2000);
      expect(Math.abs(failureShare(outcomes) - (1 - 0.05 ** 2))).toBeLessThan(0.004);
      expect(Math.abs(classShare(outcomes, 'site') - 0.7)).toBeLessThan(0.05);
    }
    expect(failureShare(jobs(SITE_WIDE_SCENARIO, 'CERN-PROD_UCORE', 27))).toBeLessThan(0.03);
  });

  it('fails the hit queues of a central outage fast with mostly unknown errors, and spares the rest', () => {
    const scenario = realise(CENTRAL_OUTAGE_SCENARIO);
    const hit = new Set(scenario.truth.centralOutages[0].queueIds);
    expect(hit.size).toBe(24);
    // 95 % fail at their start; of the rest, those ending before h32 (about 40 %) fail at their end at 95 %.
    const hitJobs = [...hit].slice(0, 6).flatMap((id) => jobs(CENTRAL_OUTAGE_SCENARIO, id, 31, 1000));
    expect(Math.abs(failureShare(hitJobs) - (0.95 + 0.05 * 0.4 * 0.95))).toBeLessThan(0.01);
    expect(Math.abs(classShare(hitJobs, 'unknown') - 0.8)).toBeLessThan(0.03);
    expect(classShare(hitJobs, 'site')).toBe(0);
    const failedAtStart = failed(hitJobs).filter((o) => o.runSeconds <= 15);
    expect(failedAtStart.length / failed(hitJobs).length).toBeGreaterThan(0.9);
    expect(Math.min(...runSeconds(failed(hitJobs)))).toBeGreaterThanOrEqual(2);
    const spared = scenario.queues.find((q) => !hit.has(q.id))!;
    expect(failureShare(jobs(CENTRAL_OUTAGE_SCENARIO, spared.id, 31))).toBeLessThan(0.03);
    expect(scenario.truth.queues.every((q) => q.brokenIntervals.length === 0)).toBe(true);
  });

  it('fails a job as a workload error at its time limit', () => {
    const scenario = realise(FLAKY_SCENARIO);
    const queue = scenario.queues.find((q) => q.id === 'CERN-PROD_SLOW')!;
    const outcome = computeScenarioOutcome(SEED, 'long', {
      queue,
      timing: scenario.timing,
      submittedAt: scenario.start,
      timeScale: TIME_SCALE,
      timeLimitSeconds: 30,
    });
    expect(outcome).toMatchObject({
      state: 'failed',
      runSeconds: 30 / TIME_SCALE,
      errorClass: 'workload',
      exitCode: 152,
    });
  });
});
