import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { ConsumerMessages } from 'nats';
import { headersToRecord, type BusConnection } from '@anvil/bus';
import { STREAMS, subjectMatches, type Contract } from '@anvil/contracts';

export interface RecordedEvent {
  /** Un-namespaced. */
  readonly subject: string;
  readonly msgId: string;
  readonly data: Uint8Array;
}

export interface DecisionRecorder {
  readonly events: RecordedEvent[];
  /** Decoded events of one contract, in stream order. */
  of<TDesc extends DescMessage>(contract: Contract<TDesc>): MessageShape<TDesc>[];
  stop(): Promise<void>;
}

/** Reads `ANVIL_DECISIONS` of a namespace from its start (an ordered consumer), keeping every event. */
export async function recordDecisions(bus: BusConnection, filter = 'anvil.>'): Promise<DecisionRecorder> {
  const consumer = await bus.js.consumers.get(bus.namespace.stream(STREAMS.DECISIONS.name), {
    filterSubjects: bus.namespace.subject(filter),
  });
  const events: RecordedEvent[] = [];
  const iterator: ConsumerMessages = await consumer.consume();
  const loop = (async () => {
    for await (const m of iterator) {
      events.push({
        subject: bus.namespace.strip(m.subject),
        msgId: headersToRecord(m.headers)['Nats-Msg-Id'] ?? '',
        data: m.data,
      });
    }
  })();
  return {
    events,
    of<TDesc extends DescMessage>(contract: Contract<TDesc>): MessageShape<TDesc>[] {
      return events
        .filter((e) => subjectMatches(contract.pattern, e.subject))
        .map((e) => fromBinary(contract.schema, e.data));
    },
    async stop() {
      await iterator.close();
      await loop;
    },
  };
}
