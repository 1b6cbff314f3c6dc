import { STREAMS } from '@anvil/contracts';
import type { BusConnection } from './bus-connection';
import { loadBusSettings, type BusSettings } from './bus.env';
import { JS_ERR, jetStreamErrorCode } from './jetstream-error.util';
import { streamConfig } from './stream-config.util';

/**
 * Creates every stream of `STREAMS` in the bus namespace, or updates it to the current definition.
 * Idempotent, and safe when several services start at once (a lost creation race turns into an update).
 */
export async function provisionStreams(bus: BusConnection, settings: BusSettings = loadBusSettings()): Promise<void> {
  for (const definition of Object.values(STREAMS)) {
    const config = streamConfig(definition, bus.namespace, settings);
    const exists = await bus.jsm.streams.info(config.name).then(
      () => true,
      (error: unknown) => {
        if (jetStreamErrorCode(error) === JS_ERR.streamNotFound) {
          return false;
        }
        throw error;
      },
    );
    if (!exists) {
      try {
        await bus.jsm.streams.add(config);
        continue;
      } catch (error) {
        // Another service created it between our info and add, with a different (older or newer) config.
        if (jetStreamErrorCode(error) !== JS_ERR.streamNameInUse) {
          throw error;
        }
      }
    }
    const { name, ...update } = config;
    await bus.jsm.streams.update(name, update);
  }
}
