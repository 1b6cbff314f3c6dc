import type { BackendName, DecisionSource, QueueStatus } from '@anvil/db';
import type { SiteRefDto } from './site-ref.dto';

export class QueueDto {
  id!: string;
  name!: string;
  site!: SiteRefDto;
  backend!: BackendName;
  status!: QueueStatus;
  /** Who set the status: a policy, an operator, a guard; null when never changed. */
  statusSource!: DecisionSource | null;
  /** The operator, or the policy name, that set the status; null when never changed. */
  statusSetBy!: string | null;
  statusSince!: Date;
  /** How many times the queue has been excluded (drives the re-exclusion backoff). */
  exclusionCount!: number;
  /** Before this time the policy will not change the status again (minimum exclusion time, backoff). */
  nextEligibleAt!: Date | null;
  labels!: Record<string, string>;
  protected!: boolean;
  autoExclusion!: boolean;
}
