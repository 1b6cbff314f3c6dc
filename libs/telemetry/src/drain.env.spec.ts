import { EnvReader } from '@anvil/config';
import { loadDrainConfig, NO_DRAIN } from './drain.env';

const load = (env: Record<string, string>, defaults = NO_DRAIN) => loadDrainConfig(defaults, new EnvReader(env));

describe(loadDrainConfig.name, () => {
  it('takes the service defaults, which the settings override', () => {
    expect(load({})).toEqual({ delayMs: 0, quietMs: 0, timeoutMs: 15_000 });
    expect(load({}, { delayMs: 3000, quietMs: 500 })).toEqual({ delayMs: 3000, quietMs: 500, timeoutMs: 15_000 });
    expect(
      load(
        { ANVIL_DRAIN_DELAY_MS: '1000', ANVIL_DRAIN_QUIET_MS: '0', ANVIL_SHUTDOWN_TIMEOUT_MS: '5000' },
        {
          delayMs: 3000,
          quietMs: 500,
        },
      ),
    ).toEqual({ delayMs: 1000, quietMs: 0, timeoutMs: 5000 });
  });

  it('refuses a value that is not a non-negative integer, naming the setting', () => {
    expect(() => load({ ANVIL_DRAIN_DELAY_MS: '3s' })).toThrow(/ANVIL_DRAIN_DELAY_MS/);
    expect(() => load({ ANVIL_DRAIN_QUIET_MS: '-1' })).toThrow(/ANVIL_DRAIN_QUIET_MS/);
    expect(() => load({ ANVIL_SHUTDOWN_TIMEOUT_MS: '10' })).toThrow(/ANVIL_SHUTDOWN_TIMEOUT_MS/);
  });

  it('refuses a timeout that leaves the drain less than half of it', () => {
    expect(() => load({ ANVIL_DRAIN_DELAY_MS: '7000', ANVIL_DRAIN_QUIET_MS: '500' })).not.toThrow();
    expect(() => load({ ANVIL_DRAIN_DELAY_MS: '7000', ANVIL_DRAIN_QUIET_MS: '600' })).toThrow(
      /ANVIL_SHUTDOWN_TIMEOUT_MS: must be at least twice/,
    );
  });
});
