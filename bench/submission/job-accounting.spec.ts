import { peakInFlight, type JobRow } from './job-accounting';

const at = (second: number): Date => new Date(Date.UTC(2026, 10, 23, 12, 0, second));

function row(from: number, until: number | null): JobRow {
  return {
    id: `${from}-${until}`,
    state: until === null ? 'running' : 'completed',
    backend_job_id: `b-${from}`,
    queue_id: 'Q1',
    submitted_at: at(from),
    finished_at: until === null ? null : at(until),
  };
}

describe('peakInFlight', () => {
  it('counts the most jobs in flight at once when they overlap', () => {
    expect(peakInFlight([row(0, 10), row(2, 5), row(3, 20), row(6, 8)])).toBe(3);
  });

  it('frees a slot before reusing it when one job ends as the next is submitted', () => {
    expect(peakInFlight([row(0, 5), row(5, 9), row(9, 12)])).toBe(1);
  });

  it('keeps a job without an end in flight to the end', () => {
    expect(peakInFlight([row(0, null), row(1, 2), row(30, 40)])).toBe(2);
  });
});
