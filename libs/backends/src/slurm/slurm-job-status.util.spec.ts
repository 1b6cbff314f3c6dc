import type { WorkloadSpec } from '../workload/workload-spec';
import type { SlurmJobResult } from './slurm-job-result';
import { EXIT_FILE_GRACE_MS, slurmJobStatusAtEnd, slurmJobStatusWhileActive } from './slurm-job-status.util';
import type { SqueueRow } from './squeue.util';

const workload: WorkloadSpec = {
  script: 'true',
  resources: { timeLimitSeconds: 60 },
  metrics: [
    { name: 'events', pattern: '^events: (\\d+)' },
    { name: 'rate', pattern: '^rate: ([0-9.]+)' },
  ],
  errorRules: [{ errorClass: 'site', exitCodes: [66] }],
};
const T0 = 1_795_469_190_000;
const ran: SlurmJobResult = {
  startedMs: T0,
  exit: { exitCode: 0, startedMs: T0, endedMs: T0 + 5000 },
  usage: { wallSeconds: 4.9, cpuSeconds: 4.5, maxRssKb: 2048 },
  stdout: 'events: 100\nrate: 20.5\n',
  stderr: '',
};
const killed: SlurmJobResult = { startedMs: T0, stdout: 'events: 7\n', stderr: '' };

function row(state: string, extra: Partial<SqueueRow> = {}): SqueueRow {
  return { slurmJobId: '7', state, reason: 'None', startMs: T0, endMs: T0 + 6000, ...extra };
}

function atEnd(state: string | undefined, result: SlurmJobResult, nowMs = T0 + 10_000) {
  return slurmJobStatusAtEnd(state === undefined ? undefined : row(state), { workload, result }, nowMs);
}

describe('slurmJobStatusWhileActive', () => {
  it.each(['PENDING', 'CONFIGURING', 'REQUEUED'])('reports %s as submitted', (state) => {
    expect(slurmJobStatusWhileActive(row(state))).toEqual({ state: 'submitted' });
  });

  it.each(['RUNNING', 'COMPLETING', 'SUSPENDED', 'SOME_FUTURE_STATE'])(
    'reports %s as running since it started',
    (state) => {
      expect(slurmJobStatusWhileActive(row(state))).toEqual({ state: 'running', startedAt: new Date(T0) });
    },
  );

  it.each(['COMPLETED', 'FAILED', 'TIMEOUT', 'CANCELLED', 'NODE_FAIL'])('leaves %s to slurmJobStatusAtEnd', (state) => {
    expect(slurmJobStatusWhileActive(row(state))).toBeUndefined();
  });
});

describe('slurmJobStatusAtEnd', () => {
  it('judges a COMPLETED job by its files: exit code, metrics, usage and times', () => {
    expect(atEnd('COMPLETED', ran)).toEqual({
      state: 'completed',
      exitCode: 0,
      startedAt: new Date(T0),
      finishedAt: new Date(T0 + 5000),
      wallSeconds: 4.9,
      cpuSeconds: 4.5,
      maxRssKb: 2048,
      events: 100,
      metrics: { rate: 20.5 },
    });
  });

  it('classifies a FAILED job by the workload’s error rules', () => {
    const status = atEnd('FAILED', { ...ran, exit: { ...ran.exit!, exitCode: 66 } });

    expect(status).toMatchObject({ state: 'failed', exitCode: 66, errorClass: 'site' });
  });

  it('judges a job Slurm ended with TIMEOUT as timed out, with exit code 124', () => {
    expect(atEnd('TIMEOUT', killed)).toMatchObject({
      state: 'failed',
      exitCode: 124,
      errorClass: 'unknown',
      errorMessage: 'the job exceeded its time limit of 60 s',
      events: 7,
      startedAt: new Date(T0),
      finishedAt: new Date(T0 + 6000),
      wallSeconds: 6,
    });
  });

  it('judges a workload the batch script’s timeout ended (124 after the limit) as timed out', () => {
    const exit = { exitCode: 124, startedMs: T0, endedMs: T0 + 60_010 };

    expect(atEnd('FAILED', { ...ran, exit })).toMatchObject({ state: 'failed', exitCode: 124 });
    expect(atEnd('FAILED', { ...ran, exit })?.errorMessage).toBe('the job exceeded its time limit of 60 s');
  });

  it('judges a workload timeout had to kill (signal 9 after the limit) as timed out', () => {
    const result = { ...ran, exit: { exitCode: 137, startedMs: T0, endedMs: T0 + 70_000 }, usage: { signal: 9 } };

    expect(atEnd('FAILED', result)).toMatchObject({
      exitCode: 124,
      errorMessage: 'the job exceeded its time limit of 60 s',
    });
  });

  it('takes a workload’s own exit code 124 before its limit as its own', () => {
    const exit = { exitCode: 124, startedMs: T0, endedMs: T0 + 1000 };

    expect(atEnd('FAILED', { ...ran, exit })?.errorMessage).toBe('the job exited with code 124');
  });

  it('reports a workload killed by a signal without an exit code', () => {
    const result = { ...ran, exit: { exitCode: 137, startedMs: T0, endedMs: T0 + 1000 }, usage: { signal: 9 } };

    expect(atEnd('FAILED', result)).toMatchObject({ state: 'failed', errorMessage: 'the job was killed by SIGKILL' });
    expect(atEnd('FAILED', result)?.exitCode).toBeUndefined();
  });

  it.each(['NODE_FAIL', 'BOOT_FAIL'])('fails a job Slurm ended with %s as a site error', (state) => {
    expect(atEnd(state, killed)).toMatchObject({
      state: 'failed',
      errorClass: 'site',
      errorMessage: `Slurm ended the job with ${state} (reason: None)`,
    });
  });

  it('reports a CANCELLED job as cancelled, with its times', () => {
    expect(atEnd('CANCELLED', killed)).toEqual({
      state: 'cancelled',
      startedAt: new Date(T0),
      finishedAt: new Date(T0 + 6000),
      wallSeconds: 6,
    });
  });

  it('reports a job cancelled while pending without a start', () => {
    expect(atEnd('CANCELLED', { stdout: '', stderr: '' })).toEqual({
      state: 'cancelled',
      finishedAt: new Date(T0 + 6000),
    });
  });

  it('fails a job that ran OUT_OF_MEMORY as a site error when it asked for no memory', () => {
    expect(atEnd('OUT_OF_MEMORY', killed)).toMatchObject({
      state: 'failed',
      errorClass: 'site',
      errorMessage: 'the job was killed by Slurm (OUT_OF_MEMORY)',
    });
  });

  it('fails a job that ran OUT_OF_MEMORY as its own fault when it asked for memory', () => {
    const asked = { ...workload, resources: { memoryMb: 256 } };
    expect(slurmJobStatusAtEnd(row('OUT_OF_MEMORY'), { workload: asked, result: killed }, T0 + 10_000)).toMatchObject({
      state: 'failed',
      errorClass: 'workload',
    });
  });

  it('keeps a job Slurm says COMPLETED running while its exit file may still be on its way', () => {
    const now = T0 + 6000 + EXIT_FILE_GRACE_MS - 1;

    expect(atEnd('COMPLETED', killed, now)).toEqual({ state: 'running', startedAt: new Date(T0) });
  });

  it('fails a job Slurm says ended as a site error when its exit file never came', () => {
    const now = T0 + 6000 + EXIT_FILE_GRACE_MS;

    expect(atEnd('COMPLETED', killed, now)).toMatchObject({
      state: 'failed',
      errorClass: 'site',
      errorMessage: expect.stringContaining('left no exit file in its directory; is workDir shared'),
    });
  });

  it('answers a job Slurm no longer lists from its exit file', () => {
    expect(atEnd(undefined, ran)).toMatchObject({ state: 'completed', finishedAt: new Date(T0 + 5000) });
  });

  it('does not know a job Slurm no longer lists that left no exit file', () => {
    expect(atEnd(undefined, killed)).toBeUndefined();
  });
});
