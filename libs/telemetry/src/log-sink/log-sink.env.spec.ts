import { EnvReader } from '@anvil/config';
import { loadLogSinkSettings } from './log-sink.env';

const load = (env: Record<string, string>) => loadLogSinkSettings(new EnvReader(env));

describe(loadLogSinkSettings.name, () => {
  it('ships to the bus by default, holding up to 100,000 lines, batches lingering 200 ms', () => {
    expect(load({})).toEqual({ toBus: true, bufferLines: 100_000, lingerMs: 200 });
  });

  it('reads the settings', () => {
    expect(load({ ANVIL_LOG_TO_BUS: 'false', ANVIL_LOG_BUFFER_LINES: '5000', ANVIL_LOG_LINGER_MS: '50' })).toEqual({
      toBus: false,
      bufferLines: 5000,
      lingerMs: 50,
    });
  });

  it('refuses a bad value, naming the setting', () => {
    expect(() => load({ ANVIL_LOG_TO_BUS: 'maybe' })).toThrow(/ANVIL_LOG_TO_BUS/);
    expect(() => load({ ANVIL_LOG_BUFFER_LINES: '10' })).toThrow(/ANVIL_LOG_BUFFER_LINES: must be at least 1000/);
    expect(() => load({ ANVIL_LOG_LINGER_MS: '0' })).toThrow(/ANVIL_LOG_LINGER_MS/);
  });
});
