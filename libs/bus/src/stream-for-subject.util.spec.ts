import { streamForSubject } from './stream-for-subject.util';

describe('streamForSubject', () => {
  it('finds the stream when the pattern has wildcards under its subjects', () => {
    expect(streamForSubject('anvil.job.*.*')).toBe('JOBS');
  });
  it('finds the stream when the subject matches its second subject', () => {
    expect(streamForSubject('anvil.outage.opened')).toBe('DECISIONS');
  });
  it('throws naming the subject when no stream covers it', () => {
    expect(() => streamForSubject('anvil.unknown.x')).toThrow('no stream covers subject anvil.unknown.x');
  });
});
