import { Global, Module } from '@nestjs/common';
import { loadGatewayConfig } from './gateway.env';

/** Injection token of the gateway's settings (`GatewayConfig`), read once when the app starts. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Provides `GATEWAY_CONFIG` to every module of the gateway (one read of the settings, not one per module). */
@Global()
@Module({
  providers: [{ provide: GATEWAY_CONFIG, useFactory: () => loadGatewayConfig() }],
  exports: [GATEWAY_CONFIG],
})
export class GatewayConfigModule {}
