import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { ConsumerMessages } from 'nats';
import type { BusConnection } from '@anvil/bus';
import { STREAMS, subjectMatches, type Contract, type StreamKey } from '@anvil/contracts';

export interface RecordedMessage {
  /** Un-namespaced. */
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
}

export interface StreamRecorder {
  readonly messages: RecordedMessage[];
  /** Decoded messages of one contract, in stream order. */
  of<TDesc extends DescMessage>(contract: Contract<TDesc>): MessageShape<TDesc>[];
  stop(): Promise<void>;
}

/** Reads a namespaced stream from its start with an ordered consumer, keeping every message in memory. */
export async function recordStream(bus: BusConnection, stream: StreamKey, filter: string): Promise<StreamRecorder> {
  const consumer = await bus.js.consumers.get(bus.namespace.stream(STREAMS[stream].name), {
    filterSubjects: bus.namespace.subject(filter),
  });
  const messages: RecordedMessage[] = [];
  const iterator: ConsumerMessages = await consumer.consume();
  const loop = (async () => {
    for await (const m of iterator) {
      const headers: Record<string, string> = {};
      for (const [key, values] of m.headers ?? []) {
        headers[key] = values.join(',');
      }
      messages.push({ subject: bus.namespace.strip(m.subject), data: m.data, headers });
    }
  })();
  return {
    messages,
    of<TDesc extends DescMessage>(contract: Contract<TDesc>): MessageShape<TDesc>[] {
      return messages
        .filter((m) => subjectMatches(contract.pattern, m.subject))
        .map((m) => fromBinary(contract.schema, m.data));
    },
    async stop() {
      await iterator.close();
      await loop;
    },
  };
}
