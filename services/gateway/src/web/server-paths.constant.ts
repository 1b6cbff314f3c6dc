/** Paths (and everything under them) that are the gateway's own, never a page of the web UI. */
export const SERVER_PATHS: readonly string[] = ['/api', '/healthz', '/readyz', '/metrics'];
