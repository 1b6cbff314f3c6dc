import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DecisionEvidenceSchema,
  DecisionSource,
  OutageChangedSchema,
  OverrideMode,
  QueueDecidedSchema,
  QueueOverriddenSchema,
  QueueOverrideRequestedSchema,
} from '@anvil/contracts';
import { decisionDocument } from './decision-document.util';

const at = new Date('2026-03-15T10:00:00.000Z');

describe('decisionDocument', () => {
  it('makes an exclusion a document keyed by its decision id, with the evidence', () => {
    const message = create(QueueDecidedSchema, {
      decisionId: 'd-1',
      queueId: 'q-1',
      action: 'exclude',
      source: DecisionSource.POLICY,
      policyName: 'default',
      policyVersion: 3,
      reason: 'three failures in a row',
      enforced: true,
      evidence: create(DecisionEvidenceSchema, {
        rule: 'last-three-from-one',
        jobIds: ['j1', 'j2'],
        counts: { failed: 3 },
        thresholds: { failed: 3 },
        exclusionNumber: 1,
      }),
      decidedAt: timestampFromDate(at),
      labels: { site: 'CERN', backend: 'slurm' },
    });
    const decision = decisionDocument('anvil.queue.excluded.q-1', message);
    expect(decision?.id).toBe('d-1');
    expect(decision?.at).toEqual(at);
    expect(decision?.doc).toMatchObject({
      '@timestamp': '2026-03-15T10:00:00.000Z',
      'event.action': 'exclude',
      'queue.id': 'q-1',
      'site.id': 'CERN',
      'decision.source': 'policy',
      'decision.policy.name': 'default',
      'decision.policy.version': 3,
      'decision.enforced': true,
      'decision.rule': 'last-three-from-one',
      'decision.counts': { failed: 3 },
      labels: { site: 'CERN', backend: 'slurm' },
    });
  });

  it('makes an override that took effect an `override` action', () => {
    const message = create(QueueOverriddenSchema, {
      decisionId: 'd-2',
      queueId: 'q-1',
      mode: OverrideMode.ONLINE,
      reason: 'false alarm',
      actor: 'alice',
      decidedAt: timestampFromDate(at),
      status: 'online',
    });
    expect(decisionDocument('anvil.queue.override.q-1', message)?.doc).toMatchObject({
      'event.action': 'override',
      'decision.mode': 'online',
      'decision.actor': 'alice',
      'decision.source': 'manual',
    });
  });

  it('keys an outage change by outage id and change, dated by the change', () => {
    const closedAt = new Date('2026-03-16T01:00:00.000Z');
    const message = create(OutageChangedSchema, {
      outageId: 'o-1',
      change: 'closed',
      scope: 'global',
      openedAt: timestampFromDate(at),
      closedAt: timestampFromDate(closedAt),
      queueIds: ['q-1', 'q-2'],
    });
    const decision = decisionDocument('anvil.outage.closed', message);
    expect(decision?.id).toBe('o-1.closed');
    expect(decision?.at).toEqual(closedAt);
    expect(decision?.doc).toMatchObject({
      'event.action': 'outage-closed',
      'outage.queue_ids': ['q-1', 'q-2'],
      'decision.enforced': true,
    });
  });

  it('skips override requests, which are commands', () => {
    const message = create(QueueOverrideRequestedSchema, { requestId: 'r', queueId: 'q', mode: OverrideMode.EXCLUDE });
    expect(decisionDocument('anvil.queue.override-requested', message)).toBeUndefined();
  });
});
