import { TIMELINE_STEPS_SECONDS, timelineGrid } from './timeline-grid.util';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('timelineGrid', () => {
  it('cuts a one-minute test into 60 one-second buckets', () => {
    expect(timelineGrid(T0, T0 + MINUTE)).toEqual({ fromMs: T0, stepSeconds: 1, count: 60 });
  });

  it('gives a test that just started a minute of buckets', () => {
    expect(timelineGrid(T0, T0 + 5000)).toEqual({ fromMs: T0, stepSeconds: 1, count: 60 });
  });

  it('cuts two days into 96 half-hour buckets', () => {
    expect(timelineGrid(T0, T0 + 2 * DAY)).toEqual({ fromMs: T0, stepSeconds: 1800, count: 96 });
  });

  it('starts on a multiple of the width and adds a bucket for the part before the start', () => {
    const start = T0 + 7 * MINUTE + 13_000;
    const grid = timelineGrid(start, start + 10 * HOUR);
    expect(grid.stepSeconds).toBe(300);
    expect(grid.fromMs).toBe(T0 + 5 * MINUTE);
    expect(grid.count).toBe(121);
  });

  it('keeps at least minStepSeconds', () => {
    expect(timelineGrid(T0, T0 + 10 * HOUR, 3600)).toEqual({ fromMs: T0, stepSeconds: 3600, count: 10 });
  });

  it('cuts the longest test (366 days) into 4-day buckets, and two years into weeks', () => {
    expect(timelineGrid(T0, T0 + 366 * DAY)).toMatchObject({ stepSeconds: 345_600, count: 93 });
    expect(timelineGrid(T0, T0 + 730 * DAY)).toMatchObject({ stepSeconds: 604_800 });
  });

  it.each([
    ['a minute', MINUTE],
    ['17 minutes', 17 * MINUTE],
    ['5 hours', 5 * HOUR],
    ['3 days', 3 * DAY],
    ['40 days', 40 * DAY],
  ])('gives 60 to 121 buckets over %s', (_name, span) => {
    const grid = timelineGrid(T0 + 1234, T0 + 1234 + span);
    expect(grid.count).toBeGreaterThanOrEqual(60);
    expect(grid.count).toBeLessThanOrEqual(121);
    expect(grid.fromMs + grid.count * grid.stepSeconds * 1000).toBeGreaterThanOrEqual(T0 + 1234 + span);
  });

  it('offers widths that at most double', () => {
    for (let i = 1; i < TIMELINE_STEPS_SECONDS.length; i++) {
      expect(TIMELINE_STEPS_SECONDS[i] / TIMELINE_STEPS_SECONDS[i - 1]).toBeLessThanOrEqual(2);
    }
  });
});
