import { Registry } from 'prom-client';
import type { DecisionRow, OutboxRow } from './commit-plan';
import { DecisionMetrics } from './decision-metrics';

const decision = (id: string, fields: Partial<DecisionRow> = {}): DecisionRow => ({
  id,
  queueId: 'Q1',
  action: 'exclude',
  source: 'policy',
  policyName: 'p',
  policyVersion: 1,
  reason: 'r',
  evidence: {},
  enforced: true,
  actor: 'decider',
  outageId: null,
  decidedAt: new Date(0),
  ...fields,
});
const outbox = (msgId: string): OutboxRow => ({ msgId, subject: 's', messageType: 't', payload: new Uint8Array() });

describe(DecisionMetrics.name, () => {
  describe('committed', () => {
    it('counts new decisions by action, source and enforcement, and not those a replay commits again', async () => {
      const registry = new Registry();
      const metrics = new DecisionMetrics(registry);
      metrics.committed(
        [decision('d1'), decision('d2', { enforced: false }), decision('d3', { action: 'override', source: 'manual' })],
        [outbox('d1'), outbox('d2'), outbox('d3'), outbox('outage-1.opened')],
      );
      // A batch replayed after a crash: its decisions are already in the outbox, so none is fresh.
      metrics.committed([decision('d1'), decision('d2', { enforced: false })], []);
      metrics.committed([decision('d4')], [outbox('d4')]);

      const values = (await registry.getSingleMetric('anvil_decisions_total')?.get())?.values ?? [];
      expect(values.map(({ labels, value }) => ({ ...labels, value })).sort((a, b) => b.value - a.value)).toEqual([
        { action: 'exclude', source: 'policy', enforced: 'true', value: 2 },
        { action: 'exclude', source: 'policy', enforced: 'false', value: 1 },
        { action: 'override', source: 'manual', enforced: 'true', value: 1 },
      ]);
    });
  });
});
