import { parseTraceLine } from './parse-trace-line.util';
import { TraceLineError } from './trace-line.exception';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    time: '2025-03-03T10:00:00Z',
    queue: 'CERN-PROD_UCORE',
    site: 'CERN-PROD',
    template: 'pft',
    outcome: 'completed',
    ...fields,
  });

describe(parseTraceLine.name, () => {
  it('reads a completed line with the job id line-<n>', () => {
    expect(parseTraceLine(line({}), 7)).toEqual({
      jobId: 'line-7',
      queueId: 'CERN-PROD_UCORE',
      siteId: 'CERN-PROD',
      templateId: 'pft',
      time: Date.UTC(2025, 2, 3, 10),
      outcome: 'completed',
    });
  });

  it('reads a failed line with its error class, and defaults a missing class to unknown', () => {
    expect(parseTraceLine(line({ outcome: 'failed', errorClass: 'site' }), 1)).toMatchObject({
      outcome: 'failed',
      errorClass: 'site',
    });
    expect(parseTraceLine(line({ outcome: 'failed' }), 1)).toMatchObject({ errorClass: 'unknown' });
  });

  it('accepts offsets and fractions of seconds', () => {
    expect(parseTraceLine(line({ time: '2025-03-03T11:00:00.250+01:00' }), 1).time).toBe(
      Date.UTC(2025, 2, 3, 10, 0, 0, 250),
    );
  });

  it.each([
    ['not json', 'line 3: line is not valid JSON'],
    ['[1]', 'line 3: line must be a JSON object'],
    [line({ time: '2025-03-03 10:00' }), 'line 3: time must be an ISO-8601 date-time with a time zone'],
    [line({ time: '2025-03-03T10:00:00' }), 'line 3: time must be an ISO-8601 date-time with a time zone'],
    [line({ queue: 'has space' }), 'line 3: queue must be an id'],
    [line({ site: 42 }), 'line 3: site must be an id'],
    [line({ outcome: 'lost' }), 'line 3: outcome must be "completed" or "failed"'],
    [line({ errorClass: 'site' }), 'line 3: errorClass is only allowed on failed lines'],
    [
      line({ outcome: 'failed', errorClass: 'cosmic' }),
      'line 3: errorClass must be one of site, central, workload, unknown',
    ],
    [line({ colour: 'red' }), 'line 3: colour is not a trace field'],
  ])('names the line and the field when the line is %s', (text, message) => {
    expect(() => parseTraceLine(text, 3)).toThrow(message);
    expect(() => parseTraceLine(text, 3)).toThrow(TraceLineError);
  });
});
