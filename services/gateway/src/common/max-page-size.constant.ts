/** Largest `limit` a list endpoint accepts. */
export const MAX_PAGE_SIZE = 500;
