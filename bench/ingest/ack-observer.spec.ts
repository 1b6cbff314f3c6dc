import { ackedStreamSequence } from './ack-observer';

describe(ackedStreamSequence.name, () => {
  it('reads the stream sequence of a v1 and a v2 ack subject', () => {
    expect(ackedStreamSequence('$JS.ACK.b_x_ANVIL_JOBS.ingester-jobs.1.4242.17.1700000000000000000.99')).toBe(4242);
    expect(
      ackedStreamSequence('$JS.ACK.hub.ACCHASH.b_x_ANVIL_JOBS.ingester-jobs.2.4242.17.1700000000000000000.99.rnd'),
    ).toBe(4242);
  });

  it('is undefined for anything else', () => {
    expect(ackedStreamSequence('$JS.ACK.b_x_ANVIL_JOBS.ingester-jobs')).toBeUndefined();
    expect(ackedStreamSequence('$JS.ACK.s.c.1.x.17.1700000000000000000.99')).toBeUndefined();
  });
});
