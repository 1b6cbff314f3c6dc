/**
 * Injection token of the app's prom-client `Registry` (provided by `MetricsModule`): a service registers its own
 * metrics on it (`new Counter({ ..., registers: [registry] })`), and `/metrics` serves it together with the
 * process's default registry (process and bus metrics).
 */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
