/**
 * Probes and scrapes: no server span and no latency sample for them. They come every second from load balancers
 * and Prometheus and would drown the requests that matter.
 */
export const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);
