import { fromBinary } from '@bufbuild/protobuf';
import { OverrideMode, QueueOverriddenSchema } from '@anvil/contracts';
import type { QueueInfo } from '../queues/queue-info';
import { emptyPlan } from './commit-plan';
import { planOverride, type OverrideInput } from './plan-override.util';

const QUEUE: QueueInfo = {
  queueId: 'Q1',
  siteId: 'S1',
  backend: 'sim',
  backendConfig: {},
  labels: {},
  protected: false,
  autoExclusion: true,
};
const CTX = { policy: { name: 'p', version: 1 }, actuators: [{ name: 'webhook', handles: () => true }] };
const input = (mode: OverrideInput['mode']): OverrideInput => ({
  decisionId: '00000000-0000-5000-8000-000000000001',
  queueId: 'Q1',
  mode,
  reason: 'maintenance',
  actor: 'alice',
  requestId: 'r1',
  now: 1_700_000_000_000,
});

describe('planOverride', () => {
  it('excludes the queue manually, whatever the policy thinks', () => {
    const plan = emptyPlan();
    planOverride(plan, input('exclude'), QUEUE, { status: 'online', excludedBy: null }, CTX);
    expect(plan.decisions[0]).toMatchObject({ action: 'override', source: 'manual', actor: 'alice', enforced: true });
    expect(plan.statusChanges[0]).toMatchObject({ status: 'excluded', source: 'manual', setBy: 'alice', manual: true });
    expect(plan.actuations[0].change).toMatchObject({ status: 'excluded', source: 'manual' });
    const event = fromBinary(QueueOverriddenSchema, plan.outbox[0].payload);
    expect(event).toMatchObject({ mode: OverrideMode.EXCLUDE, status: 'excluded', actor: 'alice' });
    expect(plan.outbox[0].subject).toBe('anvil.queue.override.Q1');
  });

  it('keeps the queue online under an online override', () => {
    const plan = emptyPlan();
    planOverride(plan, input('online'), QUEUE, { status: 'excluded', excludedBy: 'policy' }, CTX);
    expect(plan.statusChanges[0]).toMatchObject({ status: 'online', source: 'manual' });
  });

  it('hands the queue back to the policy on clear, with the policy as the source of its status', () => {
    const plan = emptyPlan();
    planOverride(plan, input('clear'), QUEUE, { status: 'excluded', excludedBy: 'policy', nextEligibleAt: 5 }, CTX);
    expect(plan.statusChanges[0]).toMatchObject({
      status: 'excluded',
      source: 'policy',
      setBy: 'policy:p@1',
      nextEligibleAt: new Date(5),
      manual: true,
    });
  });
});
