import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type StreamConfig } from 'nats';
import type { StreamDefinition } from '@anvil/contracts';
import type { BusNamespace } from './bus-namespace';

/** The JetStream configuration of one of Anvil's streams in a namespace. */
export function streamConfig(
  definition: StreamDefinition,
  namespace: BusNamespace,
  replicas: number,
): Partial<StreamConfig> & { name: string } {
  return {
    name: namespace.stream(definition.name),
    subjects: definition.subjects.map((subject) => namespace.subject(subject)),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: replicas,
    max_age: nanos(definition.maxAgeSeconds * 1000),
    max_bytes: definition.maxBytes ?? -1,
    duplicate_window: nanos(definition.duplicateWindowSeconds * 1000),
  };
}
