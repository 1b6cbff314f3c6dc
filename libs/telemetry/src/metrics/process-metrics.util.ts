import { collectDefaultMetrics, register } from 'prom-client';

let collecting = false;

/**
 * prom-client's default metrics (CPU, memory, event loop lag, GC, handles) on the process's default registry,
 * once per process however many apps start in it.
 */
export function collectProcessMetrics(): void {
  if (collecting || register.getSingleMetric('process_cpu_user_seconds_total') !== undefined) {
    collecting = true;
    return;
  }
  collecting = true;
  collectDefaultMetrics({ register });
}
