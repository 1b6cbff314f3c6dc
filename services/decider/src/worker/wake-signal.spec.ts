import { WakeSignal } from './wake-signal';

describe(WakeSignal.name, () => {
  it('resolves a wait at the next fire, long before its timeout', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    setTimeout(() => signal.fire(), 10);
    await signal.wait(10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not lose a fire that came while nobody waited', async () => {
    const signal = new WakeSignal();
    signal.fire();
    const started = Date.now();
    await signal.wait(10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('resolves after the timeout without a fire', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    await signal.wait(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
