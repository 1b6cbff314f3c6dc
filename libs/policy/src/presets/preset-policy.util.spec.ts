import type { QueueDecision } from '../engine.types';
import { PolicyEngine } from '../engine/policy-engine';
import { at, feed, HOUR, job, run } from '../testing/job-outcome.fixture';
import { POLICY_PRESET_NAMES } from './policy-preset-names.constant';
import { presetPolicy } from './preset-policy.util';

const TEMPLATES = ['A', 'B', 'C'];
const excludes = (list: readonly unknown[]): QueueDecision[] =>
  (list as QueueDecision[]).filter((d) => d.type === 'queue' && d.action === 'exclude' && d.enforced);

describe(presetPolicy.name, () => {
  it('returns a valid policy for every preset name', () => {
    expect(POLICY_PRESET_NAMES.map((name) => presetPolicy(name).name)).toEqual([
      'hammercloud-classic',
      'anvil-default',
    ]);
  });

  it('names the unknown preset and lists the known ones', () => {
    expect(() => presetPolicy('hc')).toThrow('unknown policy preset "hc" (known: hammercloud-classic, anvil-default)');
  });

  describe('hammercloud-classic', () => {
    const policy = presetPolicy('hammercloud-classic');

    it('counts every failure, keeps 4 h of results, blocks re-exclusion for 6 h, and has no guards', () => {
      expect(policy.countErrorClasses).toEqual(['site', 'central', 'workload', 'unknown']);
      expect(policy.evidence.maxAge).toBe(4 * HOUR);
      expect(policy.backoff).toEqual({ base: 6 * HOUR, multiplier: 1, max: 6 * HOUR, decay: 0 });
      expect(policy.guards).toEqual({ protectedQueues: [], maxExcludedPercent: [] });
    });

    it.each([
      ['last-one-from-three', '...ucw', TEMPLATES],
      ['last-three-from-one', '.sss', ['A']],
      ['last-two-plus-one', 's.ss', ['A', 'B']],
    ])('excludes by %s', (rule, results, templates) => {
      const [exclusion] = excludes(feed(new PolicyEngine(policy), run(results, { templates })));
      expect(exclusion?.rule).toBe(rule);
    });

    it('skips a template without enough jobs in the last 4 h ("needs jobs")', () => {
      const engine = new PolicyEngine(policy);
      feed(engine, run('ss', { templates: ['A'] }));
      expect(excludes(feed(engine, run('s', { templates: ['A'], from: 5 * 60 })))).toEqual([]);
    });

    it('recovers when every template’s last 2 jobs completed, and does not re-exclude within 6 h', () => {
      const engine = new PolicyEngine(policy);
      const decisions = feed(engine, run('sss......', { templates: TEMPLATES })) as QueueDecision[];
      expect(decisions.map((d) => `${d.action}:${d.rule}`)).toEqual([
        'exclude:last-one-from-three',
        'recover:last-two-completed',
      ]);
      const again = feed(engine, run('sss', { templates: TEMPLATES, from: 60 })) as QueueDecision[];
      expect(again.map((d) => `${d.action}:${d.blockedBy}`)).toEqual(['exclude:backoff']);
      expect(again[0]?.evidence.nextEligibleAt).toBe(at(8) + 6 * HOUR);
    });
  });

  describe('anvil-default', () => {
    const policy = presetPolicy('anvil-default');
    const classic = presetPolicy('hammercloud-classic');
    /** 20 h of a healthy queue, 3 templates, a job every 10 min. */
    const history = (queue = 'Q1'): ReturnType<typeof run> =>
      run('.'.repeat(120), { queue, templates: TEMPLATES, every: 10 });
    /** An engine that knows 9 more queues, so that excluding one stays under the 50% guard. */
    const engineWithPeers = (): PolicyEngine => {
      const engine = new PolicyEngine(policy);
      for (let i = 2; i <= 10; i++) {
        engine.setQueue({ queueId: `Q${i}`, siteId: 'SITE-B' });
      }
      return engine;
    };

    it('excludes a black hole on the same job as hammercloud-classic', () => {
      const blackHole = run('sssss', { templates: TEMPLATES, from: 1200, every: 5 });
      const [anvil] = excludes(feed(engineWithPeers(), [...history(), ...blackHole]));
      const [hc] = excludes(feed(new PolicyEngine(classic), [...history(), ...blackHole]));
      expect(anvil?.time).toBe(blackHole[2]?.time);
      expect(anvil?.time).toBe(hc?.time);
    });

    it('keeps at most half the queues excluded', () => {
      // A single known queue: excluding it would exclude 100% of the grid.
      const blackHole = run('sssss', { templates: TEMPLATES, from: 1200, every: 5 });
      const decisions = feed(new PolicyEngine(policy), [...history(), ...blackHole]) as QueueDecision[];
      expect(decisions[0]).toMatchObject({ action: 'exclude', enforced: false, blockedBy: 'max-excluded-percent' });
    });

    it('never excludes a queue failing 10% of its jobs at random, where classic does', () => {
      let seed = 42;
      const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
      const results = Array.from({ length: 3000 }, () => (random() < 0.1 ? 's' : '.')).join('');
      const trace = run(results, { templates: TEMPLATES, every: 10 });
      expect(excludes(feed(new PolicyEngine(classic), trace)).length).toBeGreaterThan(0);
      expect(excludes(feed(engineWithPeers(), trace))).toEqual([]);
    });

    it('excludes no healthy queue during a central outage, where classic excludes most', () => {
      const queues = Array.from({ length: 20 }, (_, i) => `Q${String(i).padStart(2, '0')}`);
      const trace = [];
      for (let minute = 0; minute < 8 * 60; minute += 10) {
        for (const [i, queue] of queues.entries()) {
          const hit = i < 12 && minute >= 4 * 60 && minute < 6 * 60;
          const result = !hit
            ? 'ok'
            : (minute + i) % 50 === 0
              ? 'ok'
              : (minute / 10 + i) % 5 === 0
                ? 'central'
                : 'unknown';
          trace.push(
            job({ queue, site: `S${i % 4}`, template: TEMPLATES[(minute / 10) % 3], minute: minute + i * 0.2, result }),
          );
        }
      }
      const anvil = new PolicyEngine(policy);
      const decisions = [...feed(anvil, trace), ...anvil.tick(at(8 * 60))];
      expect(excludes(decisions)).toEqual([]);
      expect(decisions.filter((d) => d.type === 'outage').map((d) => d.action)).toEqual(['open', 'close']);
      expect(excludes(feed(new PolicyEngine(classic), trace)).length).toBeGreaterThanOrEqual(6);
    });

    it('recovers a repaired queue within 3 successful jobs per golden template', () => {
      const engine = engineWithPeers();
      const broken = run('s'.repeat(30), { templates: TEMPLATES, from: 1200, every: 10 });
      const repaired = run('.........', { templates: TEMPLATES, from: 1500, every: 10 });
      const decisions = feed(engine, [...history(), ...broken, ...repaired]) as QueueDecision[];
      const recovery = decisions.find((d) => d.action === 'recover');
      const successesBefore = repaired.filter((o) => o.time <= (recovery?.time ?? 0)).length;
      expect(recovery).toMatchObject({ enforced: true, rule: 'recovered' });
      expect(successesBefore).toBeLessThanOrEqual(3 * TEMPLATES.length);
    });
  });
});
