import { parseSbatchOutput, sbatchArgs, slurmJobComment, slurmJobName } from './sbatch-args.util';
import { SlurmBackendException } from './slurm-backend.exception';

const ids = { jobId: 'j1', testId: 't1', queueId: 'q1' };

describe('sbatchArgs', () => {
  it('passes partition, account, QOS and every resource, with the batch script last', () => {
    const args = sbatchArgs({
      ...ids,
      jobDir: '/w/t1/j1',
      queue: { partition: 'anvil-a', account: 'atlas', qos: 'short' },
      resources: { cores: 4, memoryMb: 2048, timeLimitSeconds: 600 },
    });

    expect(args).toEqual([
      '--parsable',
      '--job-name=anvil-j1',
      '--comment=anvil test=t1 queue=q1 job=j1',
      '--partition=anvil-a',
      '--account=atlas',
      '--qos=short',
      '--time=10',
      '--nodes=1',
      '--ntasks=1',
      '--cpus-per-task=4',
      '--mem=2048M',
      '--output=/w/t1/j1/stdout',
      '--error=/w/t1/j1/stderr',
      '--chdir=/w/t1/j1',
      '--export=NIL',
      '--no-requeue',
      '/w/t1/j1/batch.sh',
    ]);
  });

  it('leaves account, QOS, time and memory to the partition when they are not set; one core', () => {
    const args = sbatchArgs({ ...ids, jobDir: '/w/t1/j1', queue: { partition: 'p' } });

    expect(args.filter((arg) => /^--(account|qos|time|mem)=/.test(arg))).toEqual([]);
    expect(args).toContain('--cpus-per-task=1');
  });

  it.each([
    [1, 1],
    [60, 1],
    [61, 2],
    [3600, 60],
  ])('rounds a time limit of %i s up to %i minutes', (seconds, minutes) => {
    const args = sbatchArgs({
      ...ids,
      jobDir: '/w',
      queue: { partition: 'p' },
      resources: { timeLimitSeconds: seconds },
    });

    expect(args).toContain(`--time=${minutes}`);
  });
});

describe('slurmJobName', () => {
  it('marks the job as Anvil’s, with its job id', () => {
    expect(slurmJobName('0b6f3f0e-1f5e-4a8c-9d55-3c1f6f7e2a11')).toBe('anvil-0b6f3f0e-1f5e-4a8c-9d55-3c1f6f7e2a11');
  });
});

describe('slurmJobComment', () => {
  it('carries test, queue and job ids', () => {
    expect(slurmJobComment(ids)).toBe('anvil test=t1 queue=q1 job=j1');
  });
});

describe('parseSbatchOutput', () => {
  it('reads the job id, with or without a cluster name', () => {
    expect(parseSbatchOutput('1234\n')).toBe('1234');
    expect(parseSbatchOutput('1234;anvil\n')).toBe('1234');
  });

  it('throws when sbatch printed no job id', () => {
    expect(() => parseSbatchOutput('Submitted batch job 12\n')).toThrow(SlurmBackendException);
    expect(() => parseSbatchOutput('')).toThrow('sbatch --parsable printed "" instead of a job id');
  });
});
