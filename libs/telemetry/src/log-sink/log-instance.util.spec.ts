import { isSubjectToken } from '@anvil/contracts';
import { logInstanceId } from './log-instance.util';

describe(logInstanceId.name, () => {
  it('names host, pid and start time as a subject token', () => {
    expect(logInstanceId('node-1.example.org', 4242, 1_700_000_000_000)).toBe(
      `node-1_example_org-4242-${(1_700_000_000_000).toString(36)}`,
    );
    expect(isSubjectToken(logInstanceId('weird host/ä', 1, 2))).toBe(true);
    expect(isSubjectToken(logInstanceId())).toBe(true);
    expect(logInstanceId('', 1, 0)).toBe('host-1-0');
  });

  it('differs between two incarnations of the same pid on the same host', () => {
    expect(logInstanceId('h', 7, 1000)).not.toBe(logInstanceId('h', 7, 1001));
  });
});
