import { isSubjectToken } from '@anvil/contracts';
import { listenerInstanceId } from './listener-instance-id.util';

describe('listenerInstanceId', () => {
  it('is host, pid and start time, usable as a subject token', () => {
    expect(listenerInstanceId('lb-1.example.org', 4242, 1_700_000_000_000)).toBe('lb-1_example_org-4242-loyw3v28');
    expect(isSubjectToken(listenerInstanceId('höst name', 1, 0))).toBe(true);
    expect(listenerInstanceId('', 1, 0)).toBe('host-1-0');
  });

  it('differs between two incarnations of the same process id', () => {
    expect(listenerInstanceId('h', 7, 1000)).not.toBe(listenerInstanceId('h', 7, 2000));
  });
});
