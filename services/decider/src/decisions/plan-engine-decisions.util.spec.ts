import { fromBinary } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { OutageChangedSchema, QueueDecidedSchema } from '@anvil/contracts';
import type { OutageDecision, QueueDecision } from '@anvil/policy';
import type { QueueInfo } from '../queues/queue-info';
import { emptyPlan } from './commit-plan';
import { decisionId, outageUuid } from './deterministic-uuid.util';
import { planEngineDecisions, type PlanContext } from './plan-engine-decisions.util';

const QUEUE: QueueInfo = {
  queueId: 'Q1',
  siteId: 'S1',
  backend: 'slurm',
  backendConfig: { partition: 'p1' },
  labels: { vo: 'atlas' },
  protected: false,
  autoExclusion: true,
};
const POLICY = { name: 'p', version: 3 };

function exclusion(overrides: Partial<QueueDecision> = {}): QueueDecision {
  return {
    type: 'queue',
    action: 'exclude',
    queueId: 'Q1',
    time: 1_700_000_000_000,
    source: 'policy',
    rule: 'three-in-a-row',
    reason: 'three site failures in a row',
    enforced: true,
    evidence: {
      jobIds: ['j3', 'j2', 'j1'],
      counts: { failed: 3 },
      thresholds: { count: 3 },
      exclusionNumber: 2,
      nextEligibleAt: 1_700_001_200_000,
    },
    key: 'Q1.exclude.7',
    ...overrides,
  };
}

function context(handles = true): PlanContext {
  return {
    policy: POLICY,
    queue: (id) => (id === 'Q1' ? QUEUE : undefined),
    outageOpenedAt: () => 1_699_999_000_000,
    actuators: [{ name: 'slurm', handles: () => handles }],
  };
}

describe('planEngineDecisions', () => {
  it('records an enforced exclusion: decision row, queue status, actuation and event', () => {
    const plan = emptyPlan();
    planEngineDecisions(plan, [exclusion()], context());
    const id = decisionId(POLICY, 'Q1.exclude.7');
    expect(plan.decisions).toEqual([
      expect.objectContaining({
        id,
        queueId: 'Q1',
        action: 'exclude',
        source: 'policy',
        enforced: true,
        actor: 'decider',
      }),
    ]);
    expect(plan.decisions[0].evidence).toMatchObject({
      rule: 'three-in-a-row',
      exclusionNumber: 2,
      jobIds: ['j3', 'j2', 'j1'],
    });
    expect(plan.statusChanges).toEqual([
      {
        queueId: 'Q1',
        status: 'excluded',
        source: 'policy',
        setBy: 'policy:p@3',
        since: new Date(1_700_000_000_000),
        exclusionCount: 2,
        nextEligibleAt: new Date(1_700_001_200_000),
        manual: false,
      },
    ]);
    expect(plan.actuations).toEqual([
      {
        decisionId: id,
        actuator: 'slurm',
        change: expect.objectContaining({ status: 'excluded', backendConfig: { partition: 'p1' } }),
      },
    ]);
    expect(plan.outbox).toHaveLength(1);
    expect(plan.outbox[0]).toMatchObject({
      msgId: id,
      subject: 'anvil.queue.excluded.Q1',
      messageType: 'anvil.v1.QueueDecided',
    });
    const event = fromBinary(QueueDecidedSchema, plan.outbox[0].payload);
    expect(event).toMatchObject({ decisionId: id, enforced: true, policyName: 'p', policyVersion: 3 });
    expect(event.labels).toEqual({ vo: 'atlas', site: 'S1', backend: 'slurm', scope: 'atlas' });
    expect(event.evidence?.exclusionNumber).toBe(2);
  });

  it('records a dry-run detection and its event, but no status and no actuation', () => {
    const plan = emptyPlan();
    planEngineDecisions(plan, [exclusion({ enforced: false, blockedBy: 'dry-run' })], context());
    expect(plan.decisions[0]).toMatchObject({
      enforced: false,
      evidence: expect.objectContaining({ blockedBy: 'dry-run' }),
    });
    expect(plan.statusChanges).toEqual([]);
    expect(plan.actuations).toEqual([]);
    const event = fromBinary(QueueDecidedSchema, plan.outbox[0].payload);
    expect(JSON.parse(event.evidence?.detailJson ?? '{}')).toEqual({ blockedBy: 'dry-run' });
  });

  it('gives a recovery the recovered subject and no actuation to an actuator that does not handle the queue', () => {
    const plan = emptyPlan();
    planEngineDecisions(plan, [exclusion({ action: 'recover', key: 'Q1.recover.8' })], context(false));
    expect(plan.outbox[0].subject).toBe('anvil.queue.recovered.Q1');
    expect(plan.statusChanges[0].status).toBe('online');
    expect(plan.actuations).toEqual([]);
  });

  it('opens and closes outages with stable ids, taking the open time of an outage opened earlier', () => {
    const outage = (action: 'open' | 'close', time: number): OutageDecision => ({
      type: 'outage',
      action,
      outageId: 'global-1',
      scope: 'global',
      time,
      rule: 'breaker',
      reason: 'mass failure',
      queueIds: ['Q1'],
      counts: { failing: 5 },
      thresholds: { openAbovePercent: 30 },
      key: `global-1.${action}`,
    });
    const plan = emptyPlan();
    planEngineDecisions(plan, [outage('close', 1_700_000_500_000)], context());
    const id = outageUuid('p', 'global-1');
    expect(plan.outagesClosed).toEqual([expect.objectContaining({ id, closedAt: new Date(1_700_000_500_000) })]);
    const closed = fromBinary(OutageChangedSchema, plan.outbox[0].payload);
    expect(closed).toMatchObject({ outageId: id, change: 'closed', queueIds: ['Q1'] });
    expect(timestampMs(closed.openedAt!)).toBe(1_699_999_000_000);
    expect(plan.outbox[0].msgId).toBe(`${id}.closed`);

    const opened = emptyPlan();
    planEngineDecisions(opened, [outage('open', 1_700_000_000_000)], context());
    expect(opened.outagesOpened).toEqual([expect.objectContaining({ id, scope: 'global' })]);
    expect(opened.outbox[0]).toMatchObject({ subject: 'anvil.outage.opened', msgId: `${id}.opened` });
  });

  it('refuses a decision about a queue the decider does not know', () => {
    expect(() => planEngineDecisions(emptyPlan(), [exclusion({ queueId: 'Q9' })], context())).toThrow('Q9');
  });
});
