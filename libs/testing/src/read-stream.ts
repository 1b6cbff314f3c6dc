import type { BusConnection } from '@anvil/bus';

/** A message stored in a stream, as a test reads it back. */
export interface StoredMessage {
  /** Un-namespaced. */
  readonly subject: string;
  readonly data: Uint8Array;
  /** Each header's values joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Every message stored so far on `filter` (an un-namespaced subject, wildcards allowed) in the test's namespace of the
 * stream `streamName` (un-namespaced, e.g. `STREAMS.LOGS.name`), in stream order. Reads with an ephemeral consumer:
 * the stream and its durable consumers are left as they were.
 */
export async function readStoredMessages(
  bus: BusConnection,
  streamName: string,
  filter: string,
): Promise<StoredMessage[]> {
  const consumer = await bus.js.consumers.get(bus.namespace.stream(streamName), {
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
