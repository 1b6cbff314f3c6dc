import { Writable } from 'node:stream';
import { fromBinary } from '@bufbuild/protobuf';
import { BUS_HEADERS, type BusConnection } from '@anvil/bus';
import { LogBatchSchema, STREAMS, type LogBatch } from '@anvil/contracts';
import { readStoredMessages } from '@anvil/testing';

export interface StoredLogBatch {
  readonly msgId: string;
  readonly batch: LogBatch;
}

/** Every `LogBatch` stored so far on an un-namespaced subject of the `ANVIL_LOGS` stream, in stream order. */
export async function readLogBatches(bus: BusConnection, subject: string): Promise<StoredLogBatch[]> {
  return (await readStoredMessages(bus, STREAMS.LOGS.name, subject)).map((m) => ({
    msgId: m.headers[BUS_HEADERS.msgId] ?? '',
    batch: fromBinary(LogBatchSchema, m.data),
  }));
}

/** The lines of the batches, in order, each parsed. */
export function parsedLines(batches: readonly StoredLogBatch[]): Record<string, unknown>[] {
  return batches.flatMap(({ batch }) => batch.lines.map((line) => JSON.parse(line) as Record<string, unknown>));
}

/** A stdout stand-in: keeps every line written. */
export class CapturedStdout extends Writable {
  private text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }

  lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }

  parsed(): Record<string, unknown>[] {
    return this.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
