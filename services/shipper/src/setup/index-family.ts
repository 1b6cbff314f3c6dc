/**
 * The shipper's three daily index families: `<prefix>-logs-*` (services' own lines, `anvil.log.*`), `<prefix>-access-*`
 * (access lines, `anvil.access.*`) and `<prefix>-decisions-*` (decision events).
 */
export type IndexFamily = 'logs' | 'access' | 'decisions';

export const INDEX_FAMILIES: readonly IndexFamily[] = ['logs', 'access', 'decisions'];
