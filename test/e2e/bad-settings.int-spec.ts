import { ServiceProcess } from '@anvil/testing';

/**
 * Every service refuses to start on a bad setting: it exits 1 with one fatal JSON line on stderr that
 * names the setting — before it connects to anything.
 */
describe('bad settings', () => {
  const services = ['gateway', 'scheduler', 'submitter', 'ingester'] as const;

  async function startAndFail(service: string, env: Record<string, string>): Promise<string> {
    const process = ServiceProcess.start(service, env);
    const exit = await process.waitForExit();
    expect(exit.code).toBe(1);
    const fatal = process.stderrText
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['log.level'] === 'fatal');
    expect(fatal).toBeDefined();
    return String(fatal?.message);
  }

  it.each(services)('%s names its own port setting when it is not a number', async (service) => {
    const setting = `ANVIL_${service.toUpperCase()}_PORT`;
    const message = await startAndFail(service, { [setting]: 'eighty' });
    expect(message).toBe(`${service} failed to start: invalid setting ${setting}: must be an integer, got "eighty"`);
  });

  it.each(services)('%s names ANVIL_LOG_LEVEL when it is not a level', async (service) => {
    const message = await startAndFail(service, { ANVIL_LOG_LEVEL: 'loud' });
    expect(message).toContain('invalid setting ANVIL_LOG_LEVEL: must be one of');
  });
});
