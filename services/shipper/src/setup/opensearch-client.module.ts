import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@opensearch-project/opensearch';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { OPENSEARCH_CLIENT } from './setup.constants';

/**
 * `OPENSEARCH_CLIENT`, for the repositories of setup and indexing. The client never retries by itself: the shipper
 * decides what to send again, and when (`BulkIndexer`, `OpenSearchSetupService`).
 */
@Global()
@Module({
  providers: [
    {
      provide: OPENSEARCH_CLIENT,
      inject: [SHIPPER_CONFIG],
      useFactory: (config: ShipperConfig) =>
        new Client({
          node: config.opensearchUrl,
          maxRetries: 0,
          requestTimeout: config.requestTimeoutMs,
          // Room for the bulk requests in flight plus setup, retention and a spare.
          agent: { keepAlive: true, maxSockets: config.bulkConcurrency + 4 },
        }),
    },
  ],
  exports: [OPENSEARCH_CLIENT],
})
export class OpenSearchClientModule implements OnApplicationShutdown {
  constructor(@Inject(OPENSEARCH_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
