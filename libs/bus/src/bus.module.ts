import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { loadCoreConfig } from '@anvil/config';
import type { BusConnection } from './bus-connection';
import { BUS_CONNECTION } from './bus.constants';
import { connectBus } from './connect-bus';
import { provisionStreams } from './provision-streams';
import { Publisher } from './publisher';

export interface BusModuleOptions {
  /** Service name: the connection name, and `anvil.dlq.<service>` for its dead letters. */
  readonly service: string;
  /** NATS URL and namespace; default from the environment (`loadCoreConfig()`). */
  readonly config?: { readonly natsUrl: string; readonly namespace: string };
}

/**
 * The bus for a Nest service: `BUS_CONNECTION` (connected, streams provisioned) and `Publisher`, everywhere.
 * The connection closes in `onApplicationShutdown`: Nest closes microservices (the `JetStreamTransport`, which
 * drains its runners) before that hook, and the connection's own close drains any runner still registered.
 */
@Global()
@Module({})
export class BusModule implements OnApplicationShutdown {
  constructor(@Inject(BUS_CONNECTION) private readonly bus: BusConnection) {}

  static forRoot(options: BusModuleOptions): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [
        {
          provide: BUS_CONNECTION,
          useFactory: async (): Promise<BusConnection> => {
            const config = options.config ?? loadCoreConfig();
            const bus = await connectBus({ url: config.natsUrl, namespace: config.namespace, name: options.service });
            try {
              await provisionStreams(bus);
            } catch (error) {
              await bus.close();
              throw error;
            }
            return bus;
          },
        },
        Publisher,
      ],
      exports: [BUS_CONNECTION, Publisher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
