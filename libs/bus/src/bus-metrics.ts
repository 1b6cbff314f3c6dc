import { Counter, Gauge, register } from 'prom-client';

/** `anvil_bus_messages_processed_total` of one durable consumer, per outcome, bound to its labels once. */
export interface ConsumerCounters {
  readonly acked: Counter.Internal;
  readonly retried: Counter.Internal;
  readonly deadLettered: Counter.Internal;
}

const CONSUMER_INFO_TIMEOUT_MS = 2000;

// On prom-client's default registry, the process's: the bus is per process, and `/metrics` (MetricsModule of
// @anvil/telemetry) serves this registry.
const processed = new Counter({
  name: 'anvil_bus_messages_processed_total',
  help: 'Messages a durable consumer finished with: acked (handled), retried (nak with backoff), dead_lettered.',
  labelNames: ['consumer', 'outcome'],
});

const published = new Counter({
  name: 'anvil_bus_published_total',
  help: 'Messages published and stored by JetStream, by subject family (the first three tokens: anvil.job.completed).',
  labelNames: ['subject'],
});

const publishFailures = new Counter({
  name: 'anvil_bus_publish_failures_total',
  help: 'Publishes that failed (no JetStream ack), by subject family.',
  labelNames: ['subject'],
});

/** Consumers of this process whose backlog the gauge reads at scrape time. */
const lagSources = new Set<{ readonly consumer: string; readonly pending: () => Promise<number> }>();

new Gauge({
  name: 'anvil_bus_consumer_pending_messages',
  help:
    'Consumer lag: messages of the durable consumer not yet delivered plus delivered and not yet acked ' +
    '(JetStream num_pending + num_ack_pending), read at scrape time. Replicas sharing a durable report the same value.',
  labelNames: ['consumer'],
  async collect() {
    this.reset();
    await Promise.all(
      [...lagSources].map(async (source) => {
        try {
          this.set({ consumer: source.consumer }, await withTimeout(source.pending(), CONSUMER_INFO_TIMEOUT_MS));
        } catch {
          // Unknown this time (server unreachable): absent from this scrape rather than stale.
        }
      }),
    );
  },
});

const familyCounters = new Map<string, { readonly ok: Counter.Internal; readonly failed: Counter.Internal }>();

/** The bus's Prometheus metrics; every update is a few additions, never I/O. */
export const BUS_METRICS = {
  consumer(consumer: string): ConsumerCounters {
    return {
      acked: processed.labels(consumer, 'acked'),
      retried: processed.labels(consumer, 'retried'),
      deadLettered: processed.labels(consumer, 'dead_lettered'),
    };
  },

  /** Counts a publish of `subject` (un-namespaced). */
  published(subject: string, ok: boolean): void {
    const family = subjectFamily(subject);
    let counters = familyCounters.get(family);
    if (counters === undefined) {
      counters = { ok: published.labels(family), failed: publishFailures.labels(family) };
      familyCounters.set(family, counters);
    }
    (ok ? counters.ok : counters.failed).inc();
  },

  /** Reports the consumer's backlog at every scrape until the returned function is called. */
  watchLag(consumer: string, pending: () => Promise<number>): () => void {
    const source = { consumer, pending };
    lagSources.add(source);
    return () => lagSources.delete(source);
  },

  /** The registry these metrics are on (prom-client's default, one per process). */
  registry: register,
};

/** `anvil.job.completed.q-17` → `anvil.job.completed`: ids never become label values. */
function subjectFamily(subject: string): string {
  let end = -1;
  for (let tokens = 0; tokens < 3; tokens++) {
    end = subject.indexOf('.', end + 1);
    if (end === -1) {
      return subject;
    }
  }
  return subject.slice(0, end);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
