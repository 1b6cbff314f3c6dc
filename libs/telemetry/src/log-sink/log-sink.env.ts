import { EnvReader } from '@anvil/config';
import { LOG_SINK_LIMITS } from './log-sink.constants';

/** How a service ships its log lines to the bus (`anvil.log.<service>`, `anvil.access.<service>`). */
export interface LogSinkSettings {
  /** ANVIL_LOG_TO_BUS: publish the lines to NATS as well as writing them to stdout (off for tools). */
  readonly toBus: boolean;
  /**
   * ANVIL_LOG_BUFFER_LINES: lines kept in memory while NATS does not take them; past it the oldest are dropped
   * (and counted). stdout has every line whatever happens.
   */
  readonly bufferLines: number;
  /** ANVIL_LOG_LINGER_MS: how long a line may wait for others to fill its batch before the batch is sent. */
  readonly lingerMs: number;
}

export function loadLogSinkSettings(reader = new EnvReader()): LogSinkSettings {
  return {
    toBus: reader.bool('ANVIL_LOG_TO_BUS', true),
    bufferLines: reader.int('ANVIL_LOG_BUFFER_LINES', 100_000, {
      min: LOG_SINK_LIMITS.batchLines,
      max: 10_000_000,
    }),
    lingerMs: reader.int('ANVIL_LOG_LINGER_MS', 200, { min: 1, max: 60_000 }),
  };
}
