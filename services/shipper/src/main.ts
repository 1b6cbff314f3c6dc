// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import 'reflect-metadata';
import { bootstrapService, runService } from '@anvil/telemetry';
import { SHIPPER_SERVICE } from './shipper.constants';
import { loadShipperConfig } from './shipper.env';
import { ShipperModule } from './shipper.module';

runService(SHIPPER_SERVICE, () =>
  bootstrapService({
    service: SHIPPER_SERVICE,
    module: ShipperModule,
    port: loadShipperConfig().port,
    microservice: true,
  }),
);
