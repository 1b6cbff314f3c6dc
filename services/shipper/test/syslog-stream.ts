import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BUS_HEADERS, type BusConnection } from '@anvil/bus';
import { LogBatchSchema, STREAMS, type LogBatch } from '@anvil/contracts';

/** One `LogBatch` as stored on the bus, with its un-namespaced subject and message id. */
export interface StoredBatch {
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly batch: LogBatch;
  readonly batchedAt: Date;
}

/** Every `LogBatch` stored so far on `anvil.access.haproxy` in the namespace's log stream, in stream order. */
export async function haproxyBatches(bus: BusConnection): Promise<StoredBatch[]> {
  const consumer = await bus.js.consumers.get(bus.namespace.stream(STREAMS.LOGS.name), {
    filterSubjects: bus.namespace.subject('anvil.access.haproxy'),
  });
  const pending = (await consumer.info()).num_pending;
  const stored: StoredBatch[] = [];
  if (pending === 0) {
    return stored;
  }
  for await (const message of await consumer.fetch({ max_messages: pending, expires: 5_000 })) {
    const batch = fromBinary(LogBatchSchema, message.data);
    stored.push({
      subject: bus.namespace.strip(message.subject),
      msgId: message.headers?.get(BUS_HEADERS.msgId),
      batch,
      batchedAt: batch.batchedAt === undefined ? new Date(NaN) : timestampDate(batch.batchedAt),
    });
    if (stored.length === pending) {
      break;
    }
  }
  return stored;
}
