import type { Provider } from '@nestjs/common';
import { loadGatewayConfig } from './gateway.env';

/** Injection token of the gateway's settings (`GatewayConfig`), read once when the app starts. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export const gatewayConfigProvider: Provider = { provide: GATEWAY_CONFIG, useFactory: () => loadGatewayConfig() };
