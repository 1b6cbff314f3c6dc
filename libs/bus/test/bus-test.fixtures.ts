import { create } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import type { StoredMsg } from 'nats';
import { JobState, JobStateChangedSchema, STREAMS, type JobStateChanged, type StreamKey } from '@anvil/contracts';
import { headersToRecord, type BusConnection } from '@anvil/bus';

/** A valid `JobStateChanged` on queue `queueId` (subject `anvil.job.running.<queueId>`). */
export function jobMessage(jobId: string, queueId: string, state = JobState.RUNNING): JobStateChanged {
  return create(JobStateChangedSchema, {
    jobId,
    testId: 't1',
    queueId,
    state,
    submittedAt: timestampNow(),
    occurredAt: timestampNow(),
  });
}

export interface StoredMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: Record<string, string>;
}

/** Every message stored in one of the namespace's streams. */
export async function readStream(bus: BusConnection, stream: StreamKey): Promise<StoredMessage[]> {
  const name = bus.namespace.stream(STREAMS[stream].name);
  const { state } = await bus.jsm.streams.info(name);
  const messages: StoredMessage[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const stored: StoredMsg = await bus.jsm.streams.getMessage(name, { seq });
    messages.push({ seq, subject: stored.subject, data: stored.data, headers: headersToRecord(stored.header) });
  }
  return messages;
}

/** Consumer state: how far it acked and what is still pending. */
export async function consumerState(bus: BusConnection, stream: StreamKey, durable: string) {
  const info = await bus.jsm.consumers.info(bus.namespace.stream(STREAMS[stream].name), durable);
  return {
    ackFloor: info.ack_floor.stream_seq,
    delivered: info.delivered.stream_seq,
    ackPending: info.num_ack_pending,
    redelivered: info.num_redelivered,
    pending: info.num_pending,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
