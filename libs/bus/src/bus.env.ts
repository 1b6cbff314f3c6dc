import { EnvReader } from '@anvil/config';

const MIB = 1024 ** 2;

/** Bus settings beyond `CoreConfig`. */
export interface BusSettings {
  /** Replicas of every stream (ANVIL_STREAM_REPLICAS): 1 on one server, 3 in a cluster. */
  readonly streamReplicas: number;
  /**
   * Size limit of the log stream, bytes (ANVIL_LOG_STREAM_MAX_BYTES, default 10 GiB; the oldest lines go first).
   * JetStream reserves it on disk per namespace, so test namespaces use a small one.
   */
  readonly logStreamMaxBytes?: number;
}

export function loadBusSettings(reader = new EnvReader()): BusSettings {
  return {
    streamReplicas: reader.int('ANVIL_STREAM_REPLICAS', 1, { min: 1, max: 5 }),
    logStreamMaxBytes: reader.int('ANVIL_LOG_STREAM_MAX_BYTES', 10 * 1024 * MIB, { min: MIB }),
  };
}
