import { fromBinary } from '@bufbuild/protobuf';
import type { ConsumerMessages } from 'nats';
import type { BusConnection } from '@anvil/bus';
import { JobStateChangedSchema, STREAMS, type JobStateChanged } from '@anvil/contracts';

export interface JobStreamRecorder {
  /** Every job event of the namespace, in stream order. */
  readonly events: JobStateChanged[];
  /** Messages the stream holds now (to wait until `events` has caught up). */
  streamCount(): Promise<number>;
  stop(): Promise<void>;
}

/** Reads ANVIL_JOBS from its start with an ordered consumer and decodes every message. */
export async function recordJobStream(bus: BusConnection): Promise<JobStreamRecorder> {
  const stream = bus.namespace.stream(STREAMS.JOBS.name);
  const consumer = await bus.js.consumers.get(stream, { filterSubjects: bus.namespace.subject('anvil.job.>') });
  const events: JobStateChanged[] = [];
  const iterator: ConsumerMessages = await consumer.consume();
  const loop = (async () => {
    for await (const m of iterator) {
      events.push(fromBinary(JobStateChangedSchema, m.data));
    }
  })();
  return {
    events,
    async streamCount() {
      return (await bus.jsm.streams.info(stream)).state.messages;
    },
    async stop() {
      await iterator.close();
      await loop;
    },
  };
}
