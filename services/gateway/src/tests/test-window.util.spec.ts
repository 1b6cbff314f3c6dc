import { testWindow } from './test-window.util';

const NOW = new Date('2030-01-01T12:00:00Z');
const HOUR = 3600;

describe('testWindow', () => {
  it('starts now and lasts the template lifetime when nothing is given', () => {
    expect(testWindow({}, HOUR, NOW)).toEqual({
      window: { startAt: NOW, endAt: new Date('2030-01-01T13:00:00Z') },
    });
  });

  it('lasts durationSeconds from startAt when both are given', () => {
    expect(testWindow({ startAt: '2030-01-02T00:00:00Z', durationSeconds: 600 }, HOUR, NOW)).toEqual({
      window: { startAt: new Date('2030-01-02T00:00:00Z'), endAt: new Date('2030-01-02T00:10:00Z') },
    });
  });

  it('ends at endAt when it is given, whatever the lifetime', () => {
    expect(testWindow({ endAt: '2030-01-01T12:00:01+00:00' }, HOUR, NOW)).toEqual({
      window: { startAt: NOW, endAt: new Date('2030-01-01T12:00:01Z') },
    });
  });

  it('accepts a start in the past when the end is still to come', () => {
    const result = testWindow({ startAt: '2030-01-01T11:30:00Z' }, HOUR, NOW);
    expect(result).toEqual({
      window: { startAt: new Date('2030-01-01T11:30:00Z'), endAt: new Date('2030-01-01T12:30:00Z') },
    });
  });

  it('refuses endAt together with durationSeconds, naming durationSeconds', () => {
    expect(testWindow({ endAt: '2030-01-02T00:00:00Z', durationSeconds: 60 }, HOUR, NOW)).toEqual({
      violations: [{ field: 'durationSeconds', problem: 'must not be given with endAt' }],
    });
  });

  it('refuses an endAt not after startAt', () => {
    expect(testWindow({ startAt: '2030-01-02T00:00:00Z', endAt: '2030-01-02T00:00:00Z' }, HOUR, NOW)).toEqual({
      violations: [{ field: 'endAt', problem: 'must be later than startAt' }],
    });
  });

  it('names the field that put the end in the past', () => {
    const past = { problem: 'puts the end of the test in the past' };
    expect(testWindow({ startAt: '2029-12-31T00:00:00Z', endAt: '2030-01-01T12:00:00Z' }, HOUR, NOW)).toEqual({
      violations: [{ field: 'endAt', ...past }],
    });
    expect(testWindow({ startAt: '2029-12-31T00:00:00Z', durationSeconds: 60 }, HOUR, NOW)).toEqual({
      violations: [{ field: 'durationSeconds', ...past }],
    });
    expect(testWindow({ startAt: '2029-12-31T00:00:00Z' }, HOUR, NOW)).toEqual({
      violations: [{ field: 'startAt', ...past }],
    });
  });

  it('refuses a window longer than 366 days, and a start more than 366 days ahead', () => {
    expect(testWindow({ endAt: '2031-01-03T12:00:01Z' }, HOUR, NOW)).toEqual({
      violations: [{ field: 'endAt', problem: 'makes the test longer than 366 days' }],
    });
    expect(testWindow({ startAt: '2031-01-03T12:00:01Z' }, HOUR, NOW)).toEqual({
      violations: [{ field: 'startAt', problem: 'must be within 366 days from now' }],
    });
  });
});
