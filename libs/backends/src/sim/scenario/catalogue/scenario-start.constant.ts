/** Hour 0 of every catalogue scenario: Monday 2025-03-03T00:00:00Z. */
export const SCENARIO_START = Date.UTC(2025, 2, 3);
