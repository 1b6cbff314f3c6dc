import type { OutageDecision, QueueDecision } from '@anvil/policy';

/** A hand-made queue decision for scorer specs (time in minutes from 0). */
export function queueDecision(
  action: QueueDecision['action'],
  queueId: string,
  minute: number,
  enforced = true,
): QueueDecision {
  return {
    type: 'queue',
    action,
    queueId,
    time: minute * 60_000,
    source: 'policy',
    rule: action === 'exclude' ? 'test-exclude' : 'test-recover',
    reason: 'spec',
    enforced,
    evidence: { jobIds: [], counts: {}, thresholds: {}, exclusionNumber: 1 },
    key: `${queueId}-${action}-${minute}`,
  };
}

/** A hand-made outage decision for scorer specs (time in minutes from 0). */
export function outageDecision(action: OutageDecision['action'], minute: number): OutageDecision {
  return {
    type: 'outage',
    action,
    outageId: `outage-${minute}`,
    scope: 'grid',
    time: minute * 60_000,
    rule: 'mass-failure',
    reason: 'spec',
    queueIds: [],
    counts: {},
    thresholds: {},
    key: `outage-${action}-${minute}`,
  };
}
