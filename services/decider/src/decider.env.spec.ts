import { EnvReader } from '@anvil/config';
import { loadDeciderConfig } from './decider.env';

describe('loadDeciderConfig', () => {
  const load = (env: Record<string, string>) => loadDeciderConfig(new EnvReader(env));

  it('uses the defaults when nothing is set', () => {
    expect(load({})).toMatchObject({
      port: 8095,
      policySource: 'anvil-default',
      tickMs: 1000,
      leaseMs: 10_000,
      actuators: ['queue-status'],
    });
  });

  it('always keeps queue-status on and adds the listed actuators once', () => {
    const config = load({ ANVIL_DECIDER_ACTUATORS: 'webhook, slurm,webhook', ANVIL_DECIDER_WEBHOOK_URL: 'http://x/y' });
    expect(config.actuators).toEqual(['queue-status', 'webhook', 'slurm']);
    expect(config.webhookUrl).toBe('http://x/y');
  });

  it('names the setting when an actuator is unknown', () => {
    expect(() => load({ ANVIL_DECIDER_ACTUATORS: 'email' })).toThrow(
      'invalid setting ANVIL_DECIDER_ACTUATORS: unknown actuator "email"',
    );
  });

  it('requires the webhook URL when the webhook actuator is on', () => {
    expect(() => load({ ANVIL_DECIDER_ACTUATORS: 'webhook' })).toThrow('invalid setting ANVIL_DECIDER_WEBHOOK_URL');
  });

  it('accepts port 0 and rejects a port out of range naming it', () => {
    expect(load({ ANVIL_DECIDER_PORT: '0' }).port).toBe(0);
    expect(() => load({ ANVIL_DECIDER_PORT: '70000' })).toThrow('invalid setting ANVIL_DECIDER_PORT');
  });
});
