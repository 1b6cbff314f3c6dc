import { Global, Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { IndexingModule } from './indexing/indexing.module';
import { SetupModule } from './setup/setup.module';
import { SHIPPER_CONFIG, SHIPPER_SERVICE } from './shipper.constants';
import { loadShipperConfig } from './shipper.env';
import { SyslogModule } from './syslog/syslog.module';

/**
 * The shipper: HAProxy's syslog → `anvil.access.haproxy`; `anvil.log.>`, `anvil.access.>` and the decision events →
 * OpenSearch (index templates, retention, bulk indexing acked only once OpenSearch took the documents).
 */
@Global()
@Module({
  imports: [
    LoggingModule.forRoot(SHIPPER_SERVICE),
    BusModule.forRoot({ service: SHIPPER_SERVICE }),
    HealthModule,
    MetricsModule,
    SyslogModule,
    SetupModule,
    IndexingModule,
  ],
  providers: [{ provide: SHIPPER_CONFIG, useFactory: () => loadShipperConfig() }],
  exports: [SHIPPER_CONFIG],
})
export class ShipperModule {}
