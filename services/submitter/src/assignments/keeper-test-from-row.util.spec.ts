import { keeperTestFromRow } from './keeper-test-from-row.util';
import type { OwnedTestRow } from './owned-test-row.type';

const row: OwnedTestRow = {
  testId: '0d4c1a57-0000-4000-8000-000000000001',
  leaseEpoch: '3',
  kind: 'functional',
  startAt: new Date('2029-12-31T00:00:00Z'),
  endAt: new Date('2030-01-01T00:00:00Z'),
  profile: { minQueueDepth: 1, maxRunning: 4 },
  workload: { command: 'athena', env: { A: 'b' } },
  queues: [
    { queueId: 'Q1', queueName: 'Q1', siteId: 'S1', backend: 'sim', backendConfig: {}, status: 'online' },
    { queueId: 'Q2', queueName: 'Q2', siteId: 'S1', backend: 'sim', backendConfig: {}, status: 'offline' },
  ],
};

describe('keeperTestFromRow', () => {
  it('converts a stored test when it is valid', () => {
    const test = keeperTestFromRow(row);
    expect(test.leaseEpoch).toBe(3n);
    expect(test.profile).toEqual({
      minQueueDepth: 1,
      maxRunning: 4,
      totalJobs: 0,
      resubmit: true,
      steps: [],
      ramp: 'step',
    });
    expect(test.workload).toEqual({ command: 'athena', env: { A: 'b' } });
    expect(test.queues.map((q) => q.online)).toEqual([true, false]);
  });

  it('names the profile field when it is not a count', () => {
    expect(() => keeperTestFromRow({ ...row, profile: { minQueueDepth: 1, maxRunning: -2 } })).toThrow(
      'submission_profile.maxRunning must be a non-negative integer, got -2',
    );
  });

  it('names the workload field when it is wrong', () => {
    expect(() => keeperTestFromRow({ ...row, workload: { command: 'x', resources: { timeLimitSeconds: 0 } } })).toThrow(
      'workload.resources.timeLimitSeconds must be an integer from 1 to 604800',
    );
  });
});
