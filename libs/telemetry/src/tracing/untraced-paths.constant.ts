/**
 * Probes and scrapes: no server span, no latency sample and no access line for them. They come every second from
 * load balancers and Prometheus and would drown the requests that matter.
 */
export const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);
