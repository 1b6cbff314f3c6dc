import { validateSync } from 'class-validator';
import { IsIsoDateTime } from './is-iso-date-time.decorator';

class Probe {
  @IsIsoDateTime()
  at!: unknown;
}

function valid(at: unknown): boolean {
  return validateSync(Object.assign(new Probe(), { at })).length === 0;
}

describe('IsIsoDateTime', () => {
  it('accepts a date, or a date-time with Z or an offset', () => {
    expect(valid('2030-01-01')).toBe(true);
    expect(valid('2030-01-01T12:00Z')).toBe(true);
    expect(valid('2030-01-01T12:00:00.123Z')).toBe(true);
    expect(valid('2030-01-01T12:00:00+01:00')).toBe(true);
  });

  it('refuses a date-time without a zone, since it would be read in local time', () => {
    expect(valid('2030-01-01T12:00:00')).toBe(false);
  });

  it('refuses impossible dates, other formats and non-strings', () => {
    expect(valid('2030-02-30T00:00:00Z')).toBe(false);
    expect(valid('01/02/2030')).toBe(false);
    expect(valid('yesterday')).toBe(false);
    expect(valid(1893456000000)).toBe(false);
  });
});
