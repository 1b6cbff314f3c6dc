/** A decision as `GET /api/v1/decisions` and `GET /api/v1/decisions/:id` answer it (docs/api-decisions.md). */
export interface Decision {
  id: string;
  queueId: string;
  siteId: string;
  action: 'exclude' | 'recover' | 'override';
  source: 'policy' | 'manual' | 'guard';
  policy: { name: string; version: number | null } | null;
  reason: string;
  /** As the decider stored it: rule, jobIds, counts, thresholds, exclusionNumber, nextEligibleAt, blockedBy…; for an override mode, status, requestId, expiresAt. */
  evidence: Record<string, unknown>;
  enforced: boolean;
  actor: string;
  outageId: string | null;
  decidedAt: string;
}

/** An outage the mass-failure breaker opened (`GET /api/v1/outages`). */
export interface Outage {
  id: string;
  /** `global`, `site:<siteId>` or `label:<key>=<value>`. */
  scope: string;
  state: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  reason: string;
  evidence: Record<string, unknown>;
}

export const DECISION_ACTIONS = ['exclude', 'recover', 'override'] as const;
export const DECISION_SOURCES = ['policy', 'manual', 'guard'] as const;
