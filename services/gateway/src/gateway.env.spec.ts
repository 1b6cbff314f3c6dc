import { EnvReader } from '@anvil/config';
import { loadGatewayConfig } from './gateway.env';

describe('loadGatewayConfig', () => {
  it('listens on loopback:8080 with a 256kb body limit when nothing is set', () => {
    expect(loadGatewayConfig(new EnvReader({}))).toEqual({ port: 8080, host: '127.0.0.1', bodyLimit: '256kb' });
  });
  it('names ANVIL_GATEWAY_BODY_LIMIT when the size is unreadable', () => {
    expect(() => loadGatewayConfig(new EnvReader({ ANVIL_GATEWAY_BODY_LIMIT: 'big' }))).toThrow(
      'invalid setting ANVIL_GATEWAY_BODY_LIMIT',
    );
  });
  it('names ANVIL_GATEWAY_PORT when the port is out of range', () => {
    expect(() => loadGatewayConfig(new EnvReader({ ANVIL_GATEWAY_PORT: '70000' }))).toThrow(
      'invalid setting ANVIL_GATEWAY_PORT',
    );
  });
});
