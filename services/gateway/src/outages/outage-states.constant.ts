/** An outage is open until the mass-failure breaker closes it. */
export const OUTAGE_STATES = ['open', 'closed'] as const;

export type OutageState = (typeof OUTAGE_STATES)[number];
