import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, runService } from '@anvil/telemetry';
import { configureApp } from './configure-app';
import { GatewayModule } from './gateway.module';
import { loadGatewayConfig } from './gateway.env';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  await bootstrapService({
    service: 'gateway',
    module: GatewayModule,
    port: config.port,
    host: config.host,
    // NestFactory's default platform is Express, so the app is a NestExpressApplication.
    configure: (app) => configureApp(app as NestExpressApplication, config),
  });
});
