import { ConfigException, EnvReader } from '@anvil/config';

export interface GatewayConfig {
  /** ANVIL_GATEWAY_PORT (0: any free port). */
  readonly port: number;
  readonly host: string;
  /** Largest accepted request body, in body-parser's notation ('256kb', '1mb'). */
  readonly bodyLimit: string;
}

export function loadGatewayConfig(reader = new EnvReader()): GatewayConfig {
  const bodyLimit = reader.string('ANVIL_GATEWAY_BODY_LIMIT', '256kb');
  if (!/^\d{1,9}(b|kb|mb)$/i.test(bodyLimit)) {
    throw new ConfigException(
      'ANVIL_GATEWAY_BODY_LIMIT',
      `must be a size like 256kb or 1mb, got ${JSON.stringify(bodyLimit)}`,
    );
  }
  return {
    port: reader.int('ANVIL_GATEWAY_PORT', 8080, { min: 0, max: 65535 }),
    host: reader.string('ANVIL_GATEWAY_HOST', '127.0.0.1'),
    bodyLimit,
  };
}
