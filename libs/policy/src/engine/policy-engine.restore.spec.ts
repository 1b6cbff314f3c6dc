import type { EngineDecision, JobOutcome, OverrideMode } from '../engine.types';
import { at, job, testPolicy } from '../testing/job-outcome.fixture';
import type { QueueSnapshot } from './engine-snapshot.types';
import { PolicyEngine } from './policy-engine';

type Input =
  | { readonly kind: 'observe'; readonly outcome: JobOutcome }
  | { readonly kind: 'tick'; readonly now: number }
  | {
      readonly kind: 'override';
      readonly queueId: string;
      readonly mode: OverrideMode;
      readonly now: number;
      readonly until?: number;
    };

const POLICY = testPolicy({
  countErrorClasses: ['site', 'unknown'],
  evidence: { maxAge: '6h', perTemplate: 10, perQueue: 40 },
  exclude: {
    any: [
      { templatesFailed: { templates: 2, lastJobs: 2, baseline: { lastJobs: 20, minJobs: 5, maxFailureRate: 0.1 } } },
      { sprt: { p0: 0.05, p1: 0.8, alpha: 0.001, beta: 0.1, lastJobs: 10, baseline: { lastJobs: 20, maxP0: 0.3 } } },
      { peerOutlier: { k: 3, minGap: 0.4, minJobs: 4, minPeers: 4, scope: 'site' } },
    ],
  },
  recover: { all: [{ consecutiveSuccesses: { count: 3 } }, { templatesSucceeded: { lastJobs: 1 } }] },
  minExclusion: '20m',
  minExclusionGrowth: { multiplier: 2, max: '2h' },
  backoff: { base: '30m', multiplier: 2, max: '4h', decay: '2h' },
  guards: {
    maxExcludedPercent: [{ scope: 'site', percent: 50 }],
    breaker: { window: '20m', openAbovePercent: 40, closeBelowPercent: 15, hold: '10m', minQueues: 5 },
  },
});

/** A seeded day on 10 queues: a black hole, a flapping queue, a central outage, overrides and ticks. */
function inputs(): Input[] {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const list: Input[] = [];
  const queues = Array.from({ length: 10 }, (_, i) => `Q${i}`);
  for (let minute = 0; minute < 24 * 60; minute += 1) {
    if (minute % 5 === 0) {
      list.push({ kind: 'tick', now: at(minute) });
    }
    const queue = queues[Math.floor(random() * queues.length)];
    const blackHole = queue === 'Q1' && minute > 300 && minute < 700;
    const flapping = queue === 'Q2' && Math.floor(minute / 90) % 2 === 1;
    const central = minute > 900 && minute < 1000 && Number(queue.slice(1)) < 6;
    // Q4 breaks just before the central outage: excluded inside its incident window, undone at its close.
    const early = queue === 'Q4' && minute > 840 && minute <= 900;
    const fails = blackHole || early || random() < (flapping ? 0.8 : central ? 0.9 : 0.03);
    const errorClass = central ? 'unknown' : 'site';
    const site = Number(queue.slice(1)) % 2 === 0 ? 'EVEN' : 'ODD';
    const template = `T${Math.floor(random() * 3)}`;
    list.push({ kind: 'observe', outcome: job({ queue, site, template, minute, result: fails ? errorClass : 'ok' }) });
  }
  list.splice(400, 0, { kind: 'override', queueId: 'Q3', mode: 'exclude', now: at(330), until: at(500) });
  list.splice(900, 0, { kind: 'override', queueId: 'Q1', mode: 'online', now: at(700) });
  list.splice(1000, 0, { kind: 'override', queueId: 'Q1', mode: 'clear', now: at(790) });
  return list;
}

function apply(engine: PolicyEngine, input: Input): EngineDecision[] {
  switch (input.kind) {
    case 'observe':
      return engine.observe(input.outcome);
    case 'tick':
      return engine.tick(input.now);
    case 'override':
      return engine.setOverride(input.queueId, input.mode, input.now, input.until);
  }
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe(PolicyEngine.name, () => {
  const all = inputs();
  const reference = new PolicyEngine(POLICY);
  const referenceDecisions = all.map((input) => apply(reference, input));

  it('makes decisions of every kind on the test day (so the comparison below means something)', () => {
    const flat = referenceDecisions.flat();
    const kinds = new Set(
      flat.map((d) => (d.type === 'outage' ? `outage-${d.action}` : `${d.source}-${d.action}-${d.enforced}`)),
    );
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'guard-recover-true',
        'outage-open',
        'outage-close',
        'policy-exclude-true',
        'policy-recover-true',
        'policy-exclude-false',
      ]),
    );
    expect(new Set(flat.map((d) => d.key)).size).toBe(flat.length);
  });

  describe('restore', () => {
    it.each([250, 700, 1010, 1150, 1400])(
      'gives the same decisions as an engine that never stopped when restarted after input %i',
      (cut) => {
        const first = new PolicyEngine(POLICY);
        all.slice(0, cut).forEach((input) => apply(first, input));
        const queueIds = first.takeChangedQueueIds();
        const snapshots = queueIds.map((id) => roundTrip(first.snapshotQueue(id) as QueueSnapshot)).reverse();
        const restored = PolicyEngine.restore(POLICY, roundTrip(first.snapshotGlobal()), snapshots);
        const after = all.slice(cut).map((input) => apply(restored, input));
        expect(after).toEqual(referenceDecisions.slice(cut));
      },
    );

    it('gives the same decisions when restored from snapshots persisted incrementally', () => {
      const live = new PolicyEngine(POLICY);
      const store = new Map<string, QueueSnapshot>();
      const cut = 1100;
      all.slice(0, cut).forEach((input) => {
        apply(live, input);
        for (const id of live.takeChangedQueueIds()) {
          store.set(id, roundTrip(live.snapshotQueue(id) as QueueSnapshot));
        }
      });
      const restored = PolicyEngine.restore(POLICY, roundTrip(live.snapshotGlobal()), [...store.values()]);
      expect(all.slice(cut).map((input) => apply(restored, input))).toEqual(referenceDecisions.slice(cut));
    });

    it('rejects a snapshot of an unknown format', () => {
      const global = { ...new PolicyEngine(POLICY).snapshotGlobal(), formatVersion: 2 } as unknown as Parameters<
        typeof PolicyEngine.restore
      >[1];
      expect(() => PolicyEngine.restore(POLICY, global, [])).toThrow('unknown snapshot format version');
    });
  });
});
