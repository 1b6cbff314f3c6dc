import { at, MINUTE, run, testPolicy } from '../testing/job-outcome.fixture';
import { ReplaySession } from './replay-session';

describe(ReplaySession.name, () => {
  it('ticks at every multiple of the interval passed between outcomes, and once at the end', () => {
    const session = new ReplaySession(testPolicy(), 10 * MINUTE);
    const tick = jest.spyOn(session.engine, 'tick');
    for (const outcome of run('...', { from: 5, every: 12 })) {
      session.feed(outcome);
    }
    session.finish();
    // Outcomes at minutes 5, 17, 29: ticks at 10, 20, then the final one at 29.
    expect(tick.mock.calls.map(([now]) => (now - at(0)) / MINUTE)).toEqual([10, 20, 29]);
  });

  it('does not tick at all for an empty trace', () => {
    const session = new ReplaySession(testPolicy());
    const tick = jest.spyOn(session.engine, 'tick');
    expect(session.finish()).toEqual([]);
    expect(tick).not.toHaveBeenCalled();
  });

  it('rejects a non-positive interval', () => {
    expect(() => new ReplaySession(testPolicy(), 0)).toThrow('tickIntervalMs must be positive');
  });
});
