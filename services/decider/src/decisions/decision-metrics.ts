import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@anvil/telemetry';
import type { DecisionRow, OutboxRow } from './commit-plan';

/** `anvil_decisions_total{action, source, enforced}`: decisions this decider committed for the first time. */
@Injectable()
export class DecisionMetrics {
  private readonly decisions: Counter<'action' | 'source' | 'enforced'>;

  constructor(@Optional() @Inject(METRICS_REGISTRY) registry: Registry = new Registry()) {
    this.decisions = new Counter({
      name: 'anvil_decisions_total',
      help:
        'Decisions committed: action (exclude, recover, override), source (policy, guard, manual), enforced ' +
        '(false: a dry-run detection). A replayed batch is not counted again.',
      labelNames: ['action', 'source', 'enforced'],
      registers: [registry],
    });
  }

  /**
   * Counts the decisions of a commit whose event is new (`fresh`: the outbox rows the commit inserted; a decision's
   * event id is the decision id), so a batch replayed after a crash is not counted twice.
   */
  committed(decisions: readonly DecisionRow[], fresh: readonly OutboxRow[]): void {
    if (decisions.length === 0) {
      return;
    }
    const freshIds = new Set(fresh.map((row) => row.msgId));
    for (const decision of decisions) {
      if (freshIds.has(decision.id)) {
        this.decisions.inc({ action: decision.action, source: decision.source, enforced: String(decision.enforced) });
      }
    }
  }
}
