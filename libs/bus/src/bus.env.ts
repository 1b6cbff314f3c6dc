import { EnvReader } from '@anvil/config';

/** Bus settings beyond `CoreConfig`. */
export interface BusSettings {
  /** Replicas of every stream (ANVIL_STREAM_REPLICAS): 1 on one server, 3 in a cluster. */
  readonly streamReplicas: number;
}

export function loadBusSettings(reader = new EnvReader()): BusSettings {
  return { streamReplicas: reader.int('ANVIL_STREAM_REPLICAS', 1, { min: 1, max: 5 }) };
}
