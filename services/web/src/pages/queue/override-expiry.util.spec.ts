import { describe, expect, it } from '@jest/globals';
import { expiryToIso } from './override-expiry.util';

describe('expiryToIso', () => {
  it('reads a datetime-local value as UTC', () => {
    expect(expiryToIso('2030-01-02T08:00')).toBe('2030-01-02T08:00:00Z');
    expect(expiryToIso('2030-01-02T08:00:30')).toBe('2030-01-02T08:00:30Z');
    expect(expiryToIso('2030-01-02T08:00:30.5')).toBe('2030-01-02T08:00:30.5Z');
  });

  it('leaves a zoned or unreadable value as typed, for the API to name', () => {
    expect(expiryToIso('2030-01-02T08:00:00Z')).toBe('2030-01-02T08:00:00Z');
    expect(expiryToIso('2030-01-02T08:00:00+02:00')).toBe('2030-01-02T08:00:00+02:00');
    expect(expiryToIso('tomorrow')).toBe('tomorrow');
  });
});
