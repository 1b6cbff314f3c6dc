import type { JsMsg } from 'nats';
import type { BusConnection } from '@anvil/bus';
import { STREAMS, type StreamKey } from '@anvil/contracts';

const CHUNK = 1000;

/**
 * Reads the messages of `filterSubject` with stream sequence in [fromSeq, toSeq], in order, handing them over
 * in chunks (an ephemeral ordered consumer: nothing to ack, nothing left behind). Returns how many it read.
 */
export async function readStreamRange(
  bus: BusConnection,
  stream: StreamKey,
  filterSubject: string,
  fromSeq: number,
  toSeq: number,
  onChunk: (msgs: JsMsg[]) => Promise<void>,
): Promise<number> {
  if (toSeq < fromSeq) {
    return 0;
  }
  const consumer = await bus.js.consumers.get(bus.namespace.stream(STREAMS[stream].name), {
    // A string, not an array: an array becomes `filter_subjects`, which nats-server 2.9 does not know.
    filterSubjects: bus.namespace.subject(filterSubject),
    opt_start_seq: fromSeq,
  });
  // A continuous pull: while a chunk is handled the client buffers the next one, and no pull waits for its
  // expiry at the end of the range.
  const messages = await consumer.consume({ max_messages: CHUNK });
  let read = 0;
  let chunk: JsMsg[] = [];
  try {
    for await (const msg of messages) {
      const seq = msg.info.streamSequence;
      if (seq <= toSeq) {
        chunk.push(msg);
      }
      // The end of the range, or of the stream (the rest of the range is gone: deleted or aged out).
      const done = seq >= toSeq || msg.info.pending === 0;
      if (chunk.length >= CHUNK || done) {
        read += chunk.length;
        await onChunk(chunk);
        chunk = [];
      }
      if (done) {
        break;
      }
    }
  } finally {
    await messages.close();
  }
  return read;
}
