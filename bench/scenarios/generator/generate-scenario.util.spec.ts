import {
  BLACK_HOLE_SCENARIO,
  CENTRAL_OUTAGE_SCENARIO,
  FLAKY_SCENARIO,
  LOW_VOLUME_SCENARIO,
  MS_PER,
  SCENARIO_CATALOGUE,
} from '@anvil/backends';
import { ERROR_CLASSES, type JobOutcome } from '@anvil/policy';
import { generateScenario } from './generate-scenario.util';

describe(generateScenario.name, () => {
  const failureShare = (outcomes: readonly JobOutcome[]): number =>
    outcomes.filter((o) => o.outcome === 'failed').length / outcomes.length;

  it('gives the same trace and truth for the same seed', () => {
    const a = generateScenario(BLACK_HOLE_SCENARIO, 11);
    const b = generateScenario(BLACK_HOLE_SCENARIO, 11);
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.truth).toEqual(b.truth);
  });

  it('gives a different trace for a different seed', () => {
    const a = generateScenario(BLACK_HOLE_SCENARIO, 11);
    const b = generateScenario(BLACK_HOLE_SCENARIO, 12);
    expect(a.outcomes.map((o) => o.time)).not.toEqual(b.outcomes.map((o) => o.time));
  });

  describe.each(SCENARIO_CATALOGUE.map((d) => [d.name, d] as const))('%s', (_name, description) => {
    const { outcomes, truth } = generateScenario(description, 1);

    it('is sorted by time with unique job ids, inside the scenario', () => {
      const unsorted = outcomes.filter((o, i) => i > 0 && o.time < outcomes[i - 1].time);
      expect(unsorted).toEqual([]);
      expect(new Set(outcomes.map((o) => o.jobId)).size).toBe(outcomes.length);
      expect(outcomes[0].time).toBeGreaterThanOrEqual(truth.start);
      expect(outcomes.at(-1)!.time).toBeLessThan(truth.end);
    });

    it('has well-formed outcomes: an error class exactly on failed jobs, the queue on its site', () => {
      const siteOf = new Map(truth.queues.map((q) => [q.queueId, q.siteId]));
      const classes: readonly (string | undefined)[] = ERROR_CLASSES;
      const malformed = outcomes.filter(
        (o) =>
          !Number.isInteger(o.time) ||
          siteOf.get(o.queueId) !== o.siteId ||
          (o.outcome === 'failed' ? !classes.includes(o.errorClass) : o.errorClass !== undefined),
      );
      expect(malformed).toEqual([]);
      expect(outcomes.some((o) => o.outcome === 'failed')).toBe(true);
    });

    it('runs every golden template on every queue', () => {
      for (const queue of truth.queues) {
        const templates = new Set(outcomes.filter((o) => o.queueId === queue.queueId).map((o) => o.templateId));
        expect([...templates].sort()).toEqual([...queue.templates].sort());
      }
    });
  });

  it('runs a job per template every 20-40 min on a healthy queue and every 6-9 h on the low-volume one', () => {
    const { outcomes } = generateScenario(LOW_VOLUME_SCENARIO, 1);
    const perTemplateDay = (queueId: string): number => outcomes.filter((o) => o.queueId === queueId).length / 3 / 4;
    expect(perTemplateDay('CERN-PROD_UCORE')).toBeGreaterThan(24 * 1.4);
    expect(perTemplateDay('CERN-PROD_UCORE')).toBeLessThan(24 * 3.1);
    expect(perTemplateDay('NDGF-T1_LOWVOL')).toBeGreaterThan(2.4);
    expect(perTemplateDay('NDGF-T1_LOWVOL')).toBeLessThan(4.2);
  });

  it('fails about 10 % of the flaky queue’s jobs with site errors and 1-2 % of the background', () => {
    const { outcomes } = generateScenario(FLAKY_SCENARIO, 1);
    const flaky = outcomes.filter((o) => o.queueId === 'RAL-LCG2_FLAKY');
    expect(failureShare(flaky)).toBeGreaterThan(0.07);
    expect(failureShare(flaky)).toBeLessThan(0.13);
    expect(flaky.filter((o) => o.outcome === 'failed').every((o) => o.errorClass === 'site')).toBe(true);
    const background = outcomes.filter((o) => o.queueId !== 'RAL-LCG2_FLAKY');
    expect(failureShare(background)).toBeGreaterThan(0.008);
    expect(failureShare(background)).toBeLessThan(0.025);
  });

  it('fails every job the black hole starts, fast and with site errors, and none before', () => {
    const { outcomes, truth } = generateScenario(BLACK_HOLE_SCENARIO, 1);
    const [broken] = truth.queues.find((q) => q.queueId === 'TRIUMF_BLACKHOLE')!.brokenIntervals;
    const queue = outcomes.filter((o) => o.queueId === 'TRIUMF_BLACKHOLE');
    // Jobs started in the window fail within 5 min; a success ending then started before the break.
    const inside = queue.filter((o) => o.time >= broken.from + 120 * MS_PER.minute && o.time < broken.until);
    expect(inside.length).toBeGreaterThan(100);
    expect(inside.every((o) => o.outcome === 'failed' && o.errorClass === 'site')).toBe(true);
    expect(broken.evidenceUntil).toBeLessThanOrEqual(broken.until + 5 * MS_PER.minute);
  });

  it('fails most jobs of the hit queues during the central outage, mostly with unknown errors', () => {
    const { outcomes, truth } = generateScenario(CENTRAL_OUTAGE_SCENARIO, 1);
    const [outage] = truth.centralOutages;
    const hit = new Set(outage.queueIds);
    const during = outcomes.filter((o) => o.time >= outage.from && o.time < outage.until);
    const hitDuring = during.filter((o) => hit.has(o.queueId));
    expect(failureShare(hitDuring)).toBeGreaterThan(0.85);
    expect(failureShare(during.filter((o) => !hit.has(o.queueId)))).toBeLessThan(0.05);
    const failed = hitDuring.filter((o) => o.outcome === 'failed');
    expect(failed.filter((o) => o.errorClass === 'unknown').length / failed.length).toBeGreaterThan(0.7);
    expect(failed.some((o) => o.errorClass === 'central')).toBe(true);
    expect(outage.evidenceUntil).toBeGreaterThan(outage.until);
    expect(outage.evidenceUntil).toBeLessThanOrEqual(outage.until + 15 * MS_PER.minute);
  });
});
