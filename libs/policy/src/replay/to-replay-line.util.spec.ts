import type { OutageDecision, QueueDecision } from '../engine.types';
import { toReplayLine } from './to-replay-line.util';

const QUEUE_DECISION: QueueDecision = {
  type: 'queue',
  action: 'exclude',
  queueId: 'Q1',
  time: Date.UTC(2025, 2, 3, 10),
  source: 'policy',
  rule: 'sprt-black-hole',
  reason: 'SPRT …',
  enforced: false,
  blockedBy: 'dry-run',
  evidence: {
    jobIds: ['line-9', 'line-8'],
    counts: { failures: 2 },
    thresholds: { p0: 0.02 },
    exclusionNumber: 1,
    nextEligibleAt: Date.UTC(2025, 2, 3, 11),
  },
  key: 'Q1-exclude-1',
};

describe(toReplayLine.name, () => {
  it('writes a queue decision with its evidence, times in ISO-8601', () => {
    expect(toReplayLine(QUEUE_DECISION)).toEqual({
      time: '2025-03-03T10:00:00.000Z',
      queue: 'Q1',
      action: 'exclude',
      rule: 'sprt-black-hole',
      enforced: false,
      blockedBy: 'dry-run',
      source: 'policy',
      reason: 'SPRT …',
      exclusionNumber: 1,
      nextEligibleAt: '2025-03-03T11:00:00.000Z',
      jobIds: ['line-9', 'line-8'],
      counts: { failures: 2 },
      thresholds: { p0: 0.02 },
      key: 'Q1-exclude-1',
    });
  });

  it('writes an outage with its scope as queue, its queues and its id', () => {
    const outage: OutageDecision = {
      type: 'outage',
      action: 'close',
      outageId: 'outage-global-1',
      scope: 'global',
      time: Date.UTC(2025, 2, 3, 12),
      rule: 'outage-closed',
      reason: 'closed',
      queueIds: ['Q1', 'Q2'],
      counts: { recovered: 2 },
      thresholds: { closeBelowPercent: 10 },
      key: 'outage-global-1-close',
      enforced: true,
    };
    expect(toReplayLine(outage)).toEqual({
      time: '2025-03-03T12:00:00.000Z',
      queue: 'global',
      action: 'outage-close',
      rule: 'outage-closed',
      enforced: true,
      outageId: 'outage-global-1',
      queues: ['Q1', 'Q2'],
      reason: 'closed',
      counts: { recovered: 2 },
      thresholds: { closeBelowPercent: 10 },
      key: 'outage-global-1-close',
    });
  });
});
