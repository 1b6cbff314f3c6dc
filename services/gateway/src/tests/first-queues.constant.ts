/** How many queue ids a test carries in the test list (the full table is on the test's own page). */
export const FIRST_QUEUES = 5;
