import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type StreamConfig } from 'nats';
import { STREAMS, type StreamDefinition } from '@anvil/contracts';
import type { BusNamespace } from './bus-namespace';
import type { BusSettings } from './bus.env';

/** The JetStream configuration of one of Anvil's streams in a namespace. */
export function streamConfig(
  definition: StreamDefinition,
  namespace: BusNamespace,
  settings: BusSettings,
): Partial<StreamConfig> & { name: string } {
  const maxBytes = definition.name === STREAMS.LOGS.name ? settings.logStreamMaxBytes : undefined;
  return {
    name: namespace.stream(definition.name),
    subjects: definition.subjects.map((subject) => namespace.subject(subject)),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: settings.streamReplicas,
    max_age: nanos(definition.maxAgeSeconds * 1000),
    max_bytes: maxBytes ?? definition.maxBytes ?? -1,
    duplicate_window: nanos(definition.duplicateWindowSeconds * 1000),
  };
}
