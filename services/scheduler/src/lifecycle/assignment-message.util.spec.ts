import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CONTRACTS, TestKind } from '@anvil/contracts';
import { assignmentMessage } from './assignment-message.util';

describe('assignmentMessage', () => {
  const row = {
    testId: '6f1c1d3e-1f0a-4c57-9a52-0d7b2a1b9c11',
    submitterId: 'sub-1',
    leaseEpoch: '3',
    kind: 'stress' as const,
    endAt: new Date('2030-01-01T10:00:00Z'),
    profile: { minQueueDepth: 2, maxRunning: 5, totalJobs: 100 },
    workload: { command: 'run.sh', env: { A: '1' } },
    queues: [{ queueId: 'Q1', siteId: 'S1', backend: 'sim', backendConfig: { model: 'healthy' } }],
    traceParent: null,
  };

  it('carries kind, end, profile, queues and workload when built from an assignment row', () => {
    const message = assignmentMessage(row);
    expect(message.leaseEpoch).toBe(3n);
    expect(message.kind).toBe(TestKind.STRESS);
    expect(timestampDate(message.endAt!).toISOString()).toBe('2030-01-01T10:00:00.000Z');
    expect(message.profile).toMatchObject({ minQueueDepth: 2, maxRunning: 5, totalJobs: 100 });
    expect(message.queues).toHaveLength(1);
    expect(message.queues[0]).toMatchObject({ queueId: 'Q1', siteId: 'S1', backend: 'sim' });
    expect(JSON.parse(message.queues[0].backendConfigJson)).toEqual({ model: 'healthy' });
    expect(JSON.parse(message.workloadJson)).toEqual({ command: 'run.sh', env: { A: '1' } });
  });

  it('travels on the submitter subject with a per-epoch key when published', () => {
    const message = assignmentMessage(row);
    expect(CONTRACTS.testAssigned.subject(message)).toBe('anvil.test.assigned.sub-1');
    expect(CONTRACTS.testAssigned.businessKey(message)).toBe(`${row.testId}.assigned.3`);
    expect(CONTRACTS.testAssigned.check(message)).toEqual([]);
  });

  it('sends 0 total jobs when the profile leaves it out', () => {
    expect(assignmentMessage({ ...row, profile: { minQueueDepth: 1, maxRunning: 1 } }).profile?.totalJobs).toBe(0);
  });
});
