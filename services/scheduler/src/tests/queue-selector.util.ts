import type { QueueSelector } from '@anvil/db';

/** A template's queue selector normalised into the parameters of the resolving SQL. */
export interface QueueSelectorParams {
  /** Queues named explicitly. */
  readonly ids: string[];
  /** Whether queues are also chosen by labels/backend (an empty selector part matches nothing, not everything). */
  readonly byLabels: boolean;
  /** Every entry must be among the queue's labels. */
  readonly labels: Record<string, string>;
  readonly backend: string | null;
}

/**
 * `queueIds` and/or every queue matching all `labels` entries and the `backend`: the union of both parts.
 * The selector is stored JSON, so anything of the wrong type is ignored rather than trusted.
 */
export function queueSelectorParams(selector: QueueSelector | null | undefined): QueueSelectorParams {
  const ids = Array.isArray(selector?.queueIds)
    ? [...new Set(selector.queueIds.filter((id): id is string => typeof id === 'string' && id !== ''))]
    : [];
  const labels: Record<string, string> = {};
  const rawLabels: unknown = selector?.labels;
  if (rawLabels !== null && typeof rawLabels === 'object' && !Array.isArray(rawLabels)) {
    for (const [key, value] of Object.entries(rawLabels as Record<string, unknown>)) {
      if (typeof value === 'string') {
        labels[key] = value;
      }
    }
  }
  const backend = typeof selector?.backend === 'string' && selector.backend !== '' ? selector.backend : null;
  return { ids, byLabels: Object.keys(labels).length > 0 || backend !== null, labels, backend };
}
