/** Longest lifetime of a template's tests, and longest window of a requested test: 366 days. */
export const MAX_LIFETIME_SECONDS = 366 * 24 * 3600;
