import type { QueueActuator, QueueStatusChange } from './queue-actuator';

/** Header carrying the decision id: the receiver drops a change it has already applied. */
export const WEBHOOK_IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The JSON body of a webhook call. */
export interface WebhookBody {
  readonly decisionId: string;
  readonly queueId: string;
  readonly siteId: string;
  readonly backend: string;
  readonly status: 'online' | 'excluded';
  readonly source: 'policy' | 'guard' | 'manual';
  readonly reason: string;
  /** ISO-8601. */
  readonly decidedAt: string;
}

export function webhookBody(change: QueueStatusChange): WebhookBody {
  return {
    decisionId: change.decisionId,
    queueId: change.queueId,
    siteId: change.siteId,
    backend: change.backend,
    status: change.status,
    source: change.source,
    reason: change.reason,
    decidedAt: new Date(change.decidedAt).toISOString(),
  };
}

/**
 * POSTs every enforced status change as JSON to one URL, with a timeout. Any 2xx is success; anything else
 * (or no answer in time) throws, and the actuation worker retries with backoff. The decision id travels in
 * `Idempotency-Key`, so a retried call is harmless for a receiver that honours it.
 */
export class WebhookActuator implements QueueActuator {
  readonly name = 'webhook';

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  handles(): boolean {
    return true;
  }

  async apply(change: QueueStatusChange): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_IDEMPOTENCY_HEADER]: change.decisionId,
      },
      body: JSON.stringify(webhookBody(change)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // Drain the body so the connection is reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new Error(`webhook ${this.url} answered ${response.status}`);
    }
  }
}
