import { BLACK_HOLE_SCENARIO } from '../catalogue/black-hole.scenario';
import { CENTRAL_OUTAGE_SCENARIO } from '../catalogue/central-outage.scenario';
import { FLAKY_SCENARIO } from '../catalogue/flaky.scenario';
import { FLAPPING_SCENARIO } from '../catalogue/flapping.scenario';
import { LOW_VOLUME_SCENARIO } from '../catalogue/low-volume.scenario';
import { SCENARIO_CATALOGUE } from '../catalogue/scenario-catalogue.constant';
import { SITE_OUTAGE_REPAIR_SCENARIO } from '../catalogue/site-outage-repair.scenario';
import { SITE_WIDE_SCENARIO } from '../catalogue/site-wide.scenario';
import { SLOW_DEGRADATION_SCENARIO } from '../catalogue/slow-degradation.scenario';
import { MS_PER } from './ms-per.constant';
import { realiseScenario } from './realise-scenario.util';

describe(realiseScenario.name, () => {
  const hour = (start: number, h: number): number => start + h * MS_PER.hour;
  const brokenQueues = (truth: ReturnType<typeof realiseScenario>['truth']): string[] =>
    truth.queues.filter((q) => q.brokenIntervals.length > 0).map((q) => q.queueId);

  it('builds the 40-queue background grid plus the named queues with 3 golden templates each', () => {
    const realised = realiseScenario(FLAKY_SCENARIO, 1);
    expect(realised.queues).toHaveLength(42);
    expect(new Set(realised.queues.map((q) => q.id)).size).toBe(42);
    expect(realised.queues.every((q) => q.templates.length === 3)).toBe(true);
    expect(realised.truth.end - realised.truth.start).toBe(96 * MS_PER.hour);
  });

  it('draws each healthy queue a 1-2 % failure rate and a 20-40 min cadence', () => {
    const realised = realiseScenario(BLACK_HOLE_SCENARIO, 3);
    for (const queue of realised.queues) {
      expect(queue.failureRate).toBeGreaterThanOrEqual(0.01);
      expect(queue.failureRate).toBeLessThan(0.02);
      expect(queue.cadenceMinutes).toBeGreaterThanOrEqual(20);
      expect(queue.cadenceMinutes).toBeLessThan(40);
    }
  });

  it('marks only the black hole broken, from h24 to its repair at h60', () => {
    const { truth } = realiseScenario(BLACK_HOLE_SCENARIO, 1);
    expect(brokenQueues(truth)).toEqual(['TRIUMF_BLACKHOLE']);
    const queue = truth.queues.find((q) => q.queueId === 'TRIUMF_BLACKHOLE')!;
    expect(queue.brokenIntervals).toEqual([
      expect.objectContaining({ from: hour(truth.start, 24), until: hour(truth.start, 60), repaired: true }),
    ]);
  });

  it('keeps the flaky and the slow queue healthy, with their baselines', () => {
    const realised = realiseScenario(FLAKY_SCENARIO, 1);
    expect(brokenQueues(realised.truth)).toEqual([]);
    const flaky = realised.queues.find((q) => q.id === 'RAL-LCG2_FLAKY')!;
    expect(flaky.failureRate).toBe(0.1);
    expect(realised.truth.queues.find((q) => q.queueId === 'RAL-LCG2_FLAKY')!.baseline).toBe('flaky');
    expect(realised.queues.find((q) => q.id === 'CERN-PROD_SLOW')!.durationFactor).toBe(3);
  });

  it('breaks the degrading queue when its ramp reaches 50 %, never repaired', () => {
    const realised = realiseScenario(SLOW_DEGRADATION_SCENARIO, 1);
    const queue = realised.queues.find((q) => q.id === 'FZK-LCG2_DEGRADING')!;
    const share = (0.5 - queue.failureRate) / (0.9 - queue.failureRate);
    const truth = realised.truth.queues.find((q) => q.queueId === queue.id)!;
    expect(truth.brokenIntervals).toEqual([
      expect.objectContaining({ until: realised.end, repaired: false, cause: 'degradation' }),
    ]);
    expect(truth.brokenIntervals[0].from).toBeCloseTo(hour(realised.start, 18 + 8 * share), -1);
  });

  it('breaks the outage queue from h20 to h28 and the low-volume queue from h12 to h48', () => {
    const outage = realiseScenario(SITE_OUTAGE_REPAIR_SCENARIO, 1).truth;
    expect(outage.queues.find((q) => q.queueId === 'INFN-T1_OUTAGE')!.brokenIntervals).toEqual([
      expect.objectContaining({ from: hour(outage.start, 20), until: hour(outage.start, 28), repaired: true }),
    ]);
    const lowVolume = realiseScenario(LOW_VOLUME_SCENARIO, 1);
    const queue = lowVolume.queues.find((q) => q.id === 'NDGF-T1_LOWVOL')!;
    expect(queue.cadenceMinutes).toBeGreaterThanOrEqual(360);
    expect(queue.cadenceMinutes).toBeLessThan(540);
    expect(lowVolume.truth.queues.find((q) => q.queueId === queue.id)!.brokenIntervals).toEqual([
      expect.objectContaining({ from: hour(lowVolume.start, 12), until: hour(lowVolume.start, 48) }),
    ]);
  });

  it('breaks exactly the queues of the failing site in the site-wide scenario', () => {
    const { truth } = realiseScenario(SITE_WIDE_SCENARIO, 1);
    const site = truth.queues.filter((q) => q.siteId === 'BNL-ATLAS');
    expect(site).toHaveLength(6);
    expect(brokenQueues(truth)).toEqual(site.map((q) => q.queueId));
    for (const queue of site) {
      expect(queue.brokenIntervals).toEqual([
        expect.objectContaining({ from: hour(truth.start, 24), until: hour(truth.start, 30), cause: 'site-outage' }),
      ]);
    }
  });

  it('hits 60 % of the queues in the central outage but breaks none of them', () => {
    const { truth } = realiseScenario(CENTRAL_OUTAGE_SCENARIO, 1);
    expect(brokenQueues(truth)).toEqual([]);
    expect(truth.centralOutages).toHaveLength(1);
    const outage = truth.centralOutages[0];
    expect(outage.queueIds).toHaveLength(24);
    expect(new Set(outage.queueIds).size).toBe(24);
    expect([outage.from, outage.until]).toEqual([hour(truth.start, 30), hour(truth.start, 32)]);
    expect(realiseScenario(CENTRAL_OUTAGE_SCENARIO, 2).truth.centralOutages[0].queueIds).not.toEqual(outage.queueIds);
  });

  it('alternates 1-2 h broken and healthy phases of the flapping queue inside h12-h60', () => {
    const { truth } = realiseScenario(FLAPPING_SCENARIO, 1);
    const intervals = truth.queues.find((q) => q.queueId === 'IN2P3-CC_FLAPPING')!.brokenIntervals;
    expect(intervals.length).toBeGreaterThanOrEqual(12);
    expect(intervals[0].from).toBe(hour(truth.start, 12));
    intervals.forEach((interval, i) => {
      expect(interval.until).toBeLessThanOrEqual(hour(truth.start, 60));
      const length = (interval.until - interval.from) / MS_PER.hour;
      if (interval.until < hour(truth.start, 60)) {
        expect(length).toBeGreaterThanOrEqual(1);
      }
      expect(length).toBeLessThanOrEqual(2);
      const next = intervals[i + 1];
      if (next !== undefined) {
        const gap = (next.from - interval.until) / MS_PER.hour;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(2);
      }
    });
  });

  it('is deterministic for a seed', () => {
    for (const description of SCENARIO_CATALOGUE) {
      expect(realiseScenario(description, 5)).toEqual(realiseScenario(description, 5));
    }
  });
});
