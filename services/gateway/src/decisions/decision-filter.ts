import type { DecisionAction, DecisionSource } from '@anvil/db';

export interface DecisionFilter {
  queueId?: string;
  siteId?: string;
  action?: DecisionAction;
  source?: DecisionSource;
  enforced?: boolean;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}
