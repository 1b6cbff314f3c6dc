import type { StoredMsg } from 'nats';
import { headersToRecord, type BusConnection } from '@anvil/bus';
import { STREAMS } from '@anvil/contracts';
import { JOB_EVENTS_DURABLE } from '../src/jobs/jobs.constants';

export interface DeadLetter {
  readonly subject: string;
  readonly headers: Record<string, string>;
  readonly data: Uint8Array;
}

/** Reads the test namespace's streams and the ingester's consumer. */
export class BusProbe {
  constructor(private readonly bus: BusConnection) {}

  async deadLetters(): Promise<DeadLetter[]> {
    const name = this.bus.namespace.stream(STREAMS.DLQ.name);
    const { state } = await this.bus.jsm.streams.info(name);
    const letters: DeadLetter[] = [];
    for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
      const stored: StoredMsg = await this.bus.jsm.streams.getMessage(name, { seq });
      letters.push({ subject: stored.subject, headers: headersToRecord(stored.header), data: stored.data });
    }
    return letters;
  }

  /** Messages stored in the job stream (after JetStream's deduplication). */
  async jobStreamMessages(): Promise<number> {
    const { state } = await this.bus.jsm.streams.info(this.bus.namespace.stream(STREAMS.JOBS.name));
    return state.messages;
  }

  /** Throws unless the ingester's consumer has nothing left to deliver and nothing unacknowledged. */
  async expectConsumerIdle(): Promise<void> {
    const info = await this.bus.jsm.consumers.info(this.bus.namespace.stream(STREAMS.JOBS.name), JOB_EVENTS_DURABLE);
    if (info.num_pending !== 0 || info.num_ack_pending !== 0) {
      throw new Error(`consumer busy: ${info.num_pending} pending, ${info.num_ack_pending} unacknowledged`);
    }
  }

  async consumerBacklog(): Promise<number> {
    const info = await this.bus.jsm.consumers.info(this.bus.namespace.stream(STREAMS.JOBS.name), JOB_EVENTS_DURABLE);
    return info.num_pending + info.num_ack_pending;
  }
}
