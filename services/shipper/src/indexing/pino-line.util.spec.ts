import { hasTimestampKey, pinoLineProblem, utcTimestampAt, withShipperFields } from './pino-line.util';

describe('pinoLineProblem', () => {
  it('accepts a line that starts like a JSON object, without parsing it', () => {
    expect(pinoLineProblem('{"message":"hello"}')).toBeUndefined();
    expect(pinoLineProblem('{not json')).toBeUndefined();
  });

  it('refuses a line that is not a JSON object or holds a line break', () => {
    expect(pinoLineProblem('plain text')).toBe('not a JSON object');
    expect(pinoLineProblem('')).toBe('not a JSON object');
    expect(pinoLineProblem('[1]')).toBe('not a JSON object');
    expect(pinoLineProblem('{"a":1}\n{"create":{}}')).toBe('a line break inside the line');
  });
});

describe('utcTimestampAt', () => {
  it('finds the UTC timestamp value of a pino line', () => {
    const line = '{"log.level":"info","@timestamp":"2026-03-15T10:30:00.123Z","service.name":"x"}';
    const at = utcTimestampAt(line);
    expect(line.slice(at, at + 10)).toBe('2026-03-15');
  });

  it('accepts a UTC timestamp without milliseconds', () => {
    expect(utcTimestampAt('{"@timestamp":"2026-03-15T10:30:00Z"}')).toBe(15);
  });

  it('gives -1 for a missing timestamp or one with an offset or another form', () => {
    expect(utcTimestampAt('{"message":"x"}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":"2026-03-15T10:30:00+02:00"}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":"yesterday"}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":1710498600000}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":"ABCD-EF-GHT10:30:00Z"}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":"2026-13-15T10:30:00Z"}')).toBe(-1);
    expect(utcTimestampAt('{"@timestamp":"2026-03-00T10:30:00Z"}')).toBe(-1);
  });
});

describe('withShipperFields', () => {
  const at = '2026-03-15T10:30:00.000Z';

  it('leaves a line that has both fields unchanged (the same string)', () => {
    const line = '{"@timestamp":"2026-03-15T10:00:00.000Z","service.name":"gateway","message":"m"}';
    expect(withShipperFields(line, hasTimestampKey(line), at, 'gateway')).toBe(line);
  });

  it('adds the batch time and source when the line lacks them', () => {
    const line = '{"message":"m"}';
    expect(JSON.parse(withShipperFields(line, hasTimestampKey(line), at, 'decider'))).toEqual({
      '@timestamp': at,
      'service.name': 'decider',
      message: 'm',
    });
  });

  it('keeps an empty object valid', () => {
    expect(JSON.parse(withShipperFields('{}', false, at, 's'))).toEqual({ '@timestamp': at, 'service.name': 's' });
    expect(JSON.parse(withShipperFields('{ }', false, at, 's'))).toEqual({ '@timestamp': at, 'service.name': 's' });
  });

  it('adds only the missing field', () => {
    const line = '{"@timestamp":"2026-01-01T00:00:00.000Z","message":"m"}';
    expect(JSON.parse(withShipperFields(line, true, at, 's'))).toEqual({
      '@timestamp': '2026-01-01T00:00:00.000Z',
      'service.name': 's',
      message: 'm',
    });
  });
});
