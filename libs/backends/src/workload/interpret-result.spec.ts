import { interpretJobResult, type JobRunResult } from './interpret-result';
import type { WorkloadSpec } from './workload-spec';

function run(overrides: Partial<JobRunResult> = {}): JobRunResult {
  return { exitCode: 0, timedOut: false, stdout: '', stderr: '', ...overrides };
}

describe('interpretJobResult', () => {
  describe('success', () => {
    it('is completed when the exit code is 0 and there is no output pattern', () => {
      expect(interpretJobResult({ command: 'x' }, run())).toEqual({ state: 'completed', exitCode: 0, metrics: {} });
    });

    it('accepts the exit codes the workload lists', () => {
      const workload: WorkloadSpec = { command: 'x', success: { exitCodes: [0, 3] } };
      expect(interpretJobResult(workload, run({ exitCode: 3 })).state).toBe('completed');
      expect(interpretJobResult(workload, run({ exitCode: 1 })).state).toBe('failed');
    });

    it('fails a job whose stdout misses the output pattern, though it exited 0', () => {
      const workload: WorkloadSpec = { command: 'x', success: { outputPattern: '^events/s: ' } };
      expect(interpretJobResult(workload, run({ stdout: 'crashed quietly\n', stderr: 'events/s: 1\n' }))).toEqual({
        state: 'failed',
        exitCode: 0,
        metrics: {},
        errorClass: 'unknown',
        errorMessage: "the job's output did not match the success pattern ^events/s: ",
      });
      expect(interpretJobResult(workload, run({ stdout: 'start\nevents/s: 12\n' })).state).toBe('completed');
    });
  });

  describe('metrics', () => {
    const workload: WorkloadSpec = {
      command: 'x',
      metrics: [
        { name: 'events', pattern: '^events: ([0-9.]+)' },
        { name: 'rate', pattern: '^rate: (\\S+)' },
        { name: 'warnings', pattern: '^warnings: (\\d+)', source: 'stderr' },
        { name: 'absent', pattern: '^absent: (\\d+)' },
      ],
    };

    it('takes the last match of each pattern; `events` fills events (rounded), the others metrics', () => {
      const stdout = 'events: 10\nrate: 1.5\nevents: 41.6\nrate: 2.25\nwarnings: 9\n';
      const result = interpretJobResult(workload, run({ stdout, stderr: 'warnings: 4\n' }));
      expect(result).toEqual({ state: 'completed', exitCode: 0, events: 42, metrics: { rate: 2.25, warnings: 4 } });
    });

    it('skips a capture that is not a number', () => {
      expect(interpretJobResult(workload, run({ stdout: 'rate: fast\n' })).metrics).toEqual({});
    });

    it('reads metrics of a failed job too', () => {
      const result = interpretJobResult(workload, run({ exitCode: 1, stdout: 'events: 5\n' }));
      expect(result).toMatchObject({ state: 'failed', events: 5 });
    });
  });

  describe('error classification', () => {
    const workload: WorkloadSpec = {
      command: 'x',
      errorRules: [
        { errorClass: 'site', exitCodes: [66], pattern: 'input file (missing|unreadable)' },
        { errorClass: 'central', pattern: 'catalogue unreachable', message: 'the catalogue is down' },
        { errorClass: 'workload', exitCodes: [66, 2] },
        { errorClass: 'site', exitCodes: [124] },
      ],
    };

    it('gives the class of the first matching rule and, by default, the matching line as message', () => {
      const result = interpretJobResult(
        workload,
        run({ exitCode: 66, stderr: 'reading\n  input file missing: /d/a \n' }),
      );
      expect(result).toMatchObject({ state: 'failed', errorClass: 'site', errorMessage: 'input file missing: /d/a' });
    });

    it('needs every condition of a rule: the exit code and the pattern', () => {
      // Exit 66 without the message: the first rule does not match, the third does.
      const result = interpretJobResult(workload, run({ exitCode: 66, stderr: 'other\n' }));
      expect(result).toMatchObject({ errorClass: 'workload', errorMessage: 'the job exited with code 66' });
    });

    it("uses the rule's message when it has one, and matches stdout as well as stderr", () => {
      const result = interpretJobResult(workload, run({ exitCode: 1, stdout: 'ERROR catalogue unreachable\n' }));
      expect(result).toMatchObject({ errorClass: 'central', errorMessage: 'the catalogue is down' });
    });

    it('judges a timed-out job with exit code 124 and "time limit exceeded" on its stderr', () => {
      const timedOut = run({ exitCode: 143, timedOut: true });
      expect(interpretJobResult({ ...workload, resources: { timeLimitSeconds: 5 } }, timedOut)).toMatchObject({
        state: 'failed',
        exitCode: 124,
        errorClass: 'site',
        errorMessage: 'the job exceeded its time limit of 5 s',
      });
      const byPattern: WorkloadSpec = { command: 'x', errorRules: [{ errorClass: 'workload', pattern: 'time limit' }] };
      expect(interpretJobResult(byPattern, timedOut)).toMatchObject({
        errorClass: 'workload',
        errorMessage: 'time limit exceeded',
      });
    });

    it('never counts a timed-out job as completed, whatever its exit code', () => {
      expect(interpretJobResult({ command: 'x' }, run({ exitCode: 0, timedOut: true })).state).toBe('failed');
    });

    it('says unknown when no rule matches, describing how the job ended', () => {
      expect(interpretJobResult(workload, run({ exitCode: 9 }))).toEqual({
        state: 'failed',
        exitCode: 9,
        metrics: {},
        errorClass: 'unknown',
        errorMessage: 'the job exited with code 9',
      });
      const killed = interpretJobResult(workload, run({ exitCode: null, signal: 'SIGKILL' }));
      expect(killed).toEqual({
        state: 'failed',
        metrics: {},
        errorClass: 'unknown',
        errorMessage: 'the job was killed by SIGKILL',
      });
    });
  });

  it('judges only the end of a very long output', () => {
    const head = 'events/s: 1\n' + 'x'.repeat(200_000) + '\n';
    const result = interpretJobResult(
      { command: 'x', metrics: [{ name: 'events_per_second', pattern: '^events/s: ([0-9.]+)' }] },
      { exitCode: 0, timedOut: false, stdout: `${head}events/s: 7\n`, stderr: '' },
    );
    expect(result.metrics).toEqual({ events_per_second: 7 });
    const early = interpretJobResult(
      { command: 'x', metrics: [{ name: 'events_per_second', pattern: '^events/s: ([0-9.]+)' }] },
      { exitCode: 0, timedOut: false, stdout: head, stderr: '' },
    );
    expect(early.metrics).toEqual({});
  });
});
