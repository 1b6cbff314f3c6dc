import { SlurmBackendException } from './slurm-backend.exception';
import {
  isUnknownJobIdError,
  parseSqueueByNameOutput,
  parseSqueueOutput,
  squeueArgs,
  squeueByNameArgs,
} from './squeue.util';

describe('squeueArgs', () => {
  it('asks for all the jobs at once, in every state, without a header', () => {
    expect(squeueArgs(['12', '13'])).toEqual(['--noheader', '--states=all', '--jobs=12,13', '--format=%i|%T|%S|%e|%r']);
  });
});

describe('squeueByNameArgs', () => {
  it('asks for jobs by their names, in every state', () => {
    expect(squeueByNameArgs(['anvil-a', 'anvil-b'])).toEqual([
      '--noheader',
      '--states=all',
      '--name=anvil-a,anvil-b',
      '--format=%i|%j',
    ]);
  });
});

describe('parseSqueueOutput', () => {
  it('reads state, times (epoch seconds) and reason of each job, as squeue 22.05 prints them', () => {
    const rows = parseSqueueOutput(
      '3|FAILED|1795469190|1795469190|NonZeroExitCode\n2|RUNNING|1795469143|1795469173|None\n',
    );

    expect(rows.get('3')).toEqual({
      slurmJobId: '3',
      state: 'FAILED',
      startMs: 1795469190000,
      endMs: 1795469190000,
      reason: 'NonZeroExitCode',
    });
    expect(rows.get('2')?.state).toBe('RUNNING');
    expect(rows.size).toBe(2);
  });

  it('leaves out times Slurm does not know', () => {
    expect(parseSqueueOutput('7|PENDING|N/A|0|Priority').get('7')).toEqual({
      slurmJobId: '7',
      state: 'PENDING',
      reason: 'Priority',
    });
  });

  it('keeps a reason that holds the separator', () => {
    expect(parseSqueueOutput('7|PENDING|N/A|N/A|a|b').get('7')?.reason).toBe('a|b');
  });

  it('reads empty output as no jobs', () => {
    expect(parseSqueueOutput('\n').size).toBe(0);
  });

  it('throws on a line it cannot read', () => {
    expect(() => parseSqueueOutput('slurm_load_jobs error: Socket timed out')).toThrow(SlurmBackendException);
  });
});

describe('parseSqueueByNameOutput', () => {
  it('reads id and name', () => {
    expect(parseSqueueByNameOutput('7|anvil-j1\n8|anvil-j2\n')).toEqual([
      { slurmJobId: '7', name: 'anvil-j1' },
      { slurmJobId: '8', name: 'anvil-j2' },
    ]);
  });
});

describe('isUnknownJobIdError', () => {
  it('recognises squeue’s and scancel’s unknown-id errors', () => {
    expect(isUnknownJobIdError('slurm_load_jobs error: Invalid job id specified\n')).toBe(true);
    expect(isUnknownJobIdError('scancel: error: Kill job error on job id 9: Invalid job id specified')).toBe(true);
    expect(isUnknownJobIdError('slurm_load_jobs error: Unable to contact slurm controller (connect failure)')).toBe(
      false,
    );
  });
});
