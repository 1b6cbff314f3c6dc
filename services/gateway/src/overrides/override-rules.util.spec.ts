import type { OverrideQueueDto } from './dto/override-queue.dto';
import { overrideRuleViolations } from './override-rules.util';

const NOW = new Date('2030-01-01T12:00:00Z');

function input(fields: Partial<OverrideQueueDto>): OverrideQueueDto {
  return { mode: 'exclude', reason: 'x', ...fields };
}

describe('overrideRuleViolations', () => {
  it('accepts no expiry, or an expiry after now', () => {
    expect(overrideRuleViolations(input({}), NOW)).toEqual([]);
    expect(overrideRuleViolations(input({ expiresAt: null }), NOW)).toEqual([]);
    expect(overrideRuleViolations(input({ expiresAt: '2030-01-01T12:00:01Z' }), NOW)).toEqual([]);
  });

  it('refuses an expiry at or before now, naming expiresAt', () => {
    const expected = [{ field: 'expiresAt', problem: 'must be in the future' }];
    expect(overrideRuleViolations(input({ expiresAt: '2030-01-01T12:00:00Z' }), NOW)).toEqual(expected);
    expect(overrideRuleViolations(input({ expiresAt: '2030-01-01T13:00:00+02:00' }), NOW)).toEqual(expected);
  });

  it('refuses any expiry when the mode is clear', () => {
    expect(overrideRuleViolations(input({ mode: 'clear', expiresAt: '2031-01-01T00:00:00Z' }), NOW)).toEqual([
      { field: 'expiresAt', problem: 'must not be given when mode is clear' },
    ]);
  });
});
