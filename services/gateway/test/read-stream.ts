import type { BusConnection } from '@anvil/bus';
import { STREAMS, type StreamKey } from '@anvil/contracts';
import { readStoredMessages, type StoredMessage } from '@anvil/testing';

export type { StoredMessage };

/** Every message stored so far on `filter` in one of this namespace's streams, in stream order. */
export function readStream(bus: BusConnection, stream: StreamKey, filter: string): Promise<StoredMessage[]> {
  return readStoredMessages(bus, STREAMS[stream].name, filter);
}
