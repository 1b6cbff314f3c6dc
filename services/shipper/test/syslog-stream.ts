import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BUS_HEADERS, type BusConnection } from '@anvil/bus';
import { LogBatchSchema, STREAMS, type LogBatch } from '@anvil/contracts';
import { readStoredMessages } from '@anvil/testing';

/** One `LogBatch` as stored on the bus, with its un-namespaced subject and message id. */
export interface StoredBatch {
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly batch: LogBatch;
  readonly batchedAt: Date;
}

/** Every `LogBatch` stored so far on `anvil.access.haproxy` in the namespace's log stream, in stream order. */
export async function haproxyBatches(bus: BusConnection): Promise<StoredBatch[]> {
  return (await readStoredMessages(bus, STREAMS.LOGS.name, 'anvil.access.haproxy')).map((m) => {
    const batch = fromBinary(LogBatchSchema, m.data);
    return {
      subject: m.subject,
      msgId: m.headers[BUS_HEADERS.msgId],
      batch,
      batchedAt: batch.batchedAt === undefined ? new Date(NaN) : timestampDate(batch.batchedAt),
    };
  });
}
