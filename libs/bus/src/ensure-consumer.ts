import { AckPolicy, DeliverPolicy, nanos, ReplayPolicy } from 'nats';
import type { BusConnection } from './bus-connection';
import { JS_ERR, jetStreamErrorCode } from './jetstream-error.util';

export interface DurableConsumerSpec {
  /** Namespaced stream name. */
  readonly stream: string;
  readonly durable: string;
  /** Namespaced filter subject. */
  readonly filterSubject: string;
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
}

/**
 * Creates the durable pull consumer, or updates the settings that may change between releases.
 * Backoff is not set on the server: a server-side `backoff` replaces `ack_wait` by its first entry, which would
 * redeliver any handler running longer than that; the runner naks with the backoff delay instead.
 */
export async function ensureConsumer(bus: BusConnection, spec: DurableConsumerSpec): Promise<void> {
  const update = {
    filter_subject: spec.filterSubject,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: spec.maxAckPending,
  };
  const exists = await bus.jsm.consumers.info(spec.stream, spec.durable).then(
    () => true,
    (error: unknown) => {
      if (jetStreamErrorCode(error) === JS_ERR.consumerNotFound) {
        return false;
      }
      throw error;
    },
  );
  if (!exists) {
    try {
      await bus.jsm.consumers.add(spec.stream, {
        ...update,
        durable_name: spec.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        replay_policy: ReplayPolicy.Instant,
      });
      return;
    } catch (error) {
      // Another replica created it first with other settings: fall through to the update.
      const code = jetStreamErrorCode(error);
      if (code !== JS_ERR.consumerAlreadyExists && code !== JS_ERR.consumerNameExists) {
        throw error;
      }
    }
  }
  await bus.jsm.consumers.update(spec.stream, spec.durable, update);
}
