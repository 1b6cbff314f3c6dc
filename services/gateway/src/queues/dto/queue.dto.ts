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
  statusSince!: Date;
  labels!: Record<string, string>;
  protected!: boolean;
  autoExclusion!: boolean;
}
