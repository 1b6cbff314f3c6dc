import type { BusConnection } from '@anvil/bus';
import { STREAMS, type StreamKey } from '@anvil/contracts';

export interface StoredMessage {
  /** Un-namespaced. */
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
}

/** Every message stored so far on `filter` in one of this namespace's streams, in stream order. */
export async function readStream(bus: BusConnection, stream: StreamKey, filter: string): Promise<StoredMessage[]> {
  const consumer = await bus.js.consumers.get(bus.namespace.stream(STREAMS[stream].name), {
    filterSubjects: bus.namespace.subject(filter),
  });
  const pending = (await consumer.info()).num_pending;
  const messages: StoredMessage[] = [];
  if (pending === 0) {
    return messages;
  }
  for await (const m of await consumer.fetch({ max_messages: pending, expires: 5_000 })) {
    const headers: Record<string, string> = {};
    for (const [key, values] of m.headers ?? []) {
      headers[key] = values.join(',');
    }
    messages.push({ subject: bus.namespace.strip(m.subject), data: m.data, headers });
    if (messages.length === pending) {
      break;
    }
  }
  return messages;
}
