import { toTraceLine } from './trace-line.util';

describe(toTraceLine.name, () => {
  const base = { jobId: 'j1', queueId: 'CERN-PROD_UCORE', siteId: 'CERN-PROD', templateId: 'pft-evgen' };

  it('writes a failed job with its error class, keys in the trace format order', () => {
    const line = toTraceLine({
      ...base,
      time: Date.UTC(2025, 2, 3, 1, 2, 3, 4),
      outcome: 'failed',
      errorClass: 'site',
    });
    expect(line).toBe(
      '{"time":"2025-03-03T01:02:03.004Z","queue":"CERN-PROD_UCORE","site":"CERN-PROD","template":"pft-evgen","outcome":"failed","errorClass":"site"}',
    );
  });

  it('writes no error class for a completed job', () => {
    const parsed = JSON.parse(toTraceLine({ ...base, time: 0, outcome: 'completed' }));
    expect(parsed).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      queue: 'CERN-PROD_UCORE',
      site: 'CERN-PROD',
      template: 'pft-evgen',
      outcome: 'completed',
    });
  });
});
