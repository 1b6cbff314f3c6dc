import type { DecisionAction, DecisionSource } from '@anvil/db';
import type { PolicyRefDto } from './policy-ref.dto';

/** One row of `decisions`, written by the decider. */
export class DecisionDto {
  id!: string;
  queueId!: string;
  siteId!: string;
  action!: DecisionAction;
  source!: DecisionSource;
  /** The policy that decided; null for manual overrides. */
  policy!: PolicyRefDto | null;
  reason!: string;
  /** Job ids, counts, thresholds, rule, exclusion number, next eligible time (as the decider stored them). */
  evidence!: Record<string, unknown>;
  /** False for a dry-run or blocked detection: the queue's status did not change. */
  enforced!: boolean;
  /** The operator for manual decisions, otherwise the service (e.g. `decider`). */
  actor!: string;
  /** The outage this decision belongs to (e.g. a recovery when it closed). */
  outageId!: string | null;
  decidedAt!: Date;
}
