// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, runService } from '@anvil/telemetry';
import { configureApp } from './configure-app';
import { GatewayModule } from './gateway.module';
import { loadGatewayConfig } from './gateway.env';

/**
 * Behind HAProxy (haproxy/haproxy.cfg: checks every 1 s, 500 ms while changing state, down after 2 failures), a
 * draining replica is out of rotation within ~1.5 s of SIGTERM; it keeps serving for 3 s, then until 500 ms pass
 * without a request, and only then closes.
 */
const GATEWAY_DRAIN = { delayMs: 3000, quietMs: 500 };

runService('gateway', async () => {
  const config = loadGatewayConfig();
  await bootstrapService({
    service: 'gateway',
    module: GatewayModule,
    port: config.port,
    host: config.host,
    drain: GATEWAY_DRAIN,
    // NestFactory's default platform is Express, so the app is a NestExpressApplication.
    configure: (app) => configureApp(app as NestExpressApplication, config),
  });
});
