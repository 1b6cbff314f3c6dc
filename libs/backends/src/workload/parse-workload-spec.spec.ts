import { loadExampleWorkload } from '../../../testing/src/example-workload';
import { parseWorkloadSpec, workloadProblems } from './parse-workload-spec';
import { WorkloadSpecException } from './workload-problem';

const valid = {
  command: 'echo "events/s: 12"',
  env: { GREETING: 'hi ${queue.name}' },
  resources: { cores: 1, memoryMb: 256, timeLimitSeconds: 60 },
  inputs: [{ path: '/data/${queue.name}/input.dat' }],
  success: { exitCodes: [0], outputPattern: '^events/s: ' },
  metrics: [{ name: 'events_per_second', pattern: '^events/s: ([0-9.]+)' }],
  errorRules: [{ errorClass: 'site', exitCodes: [66], pattern: 'input file missing', message: 'no input' }],
};

/** The fields of the problems of `value`. */
function fields(value: unknown): string[] {
  return workloadProblems(value).map((p) => p.field);
}

describe('workloadProblems', () => {
  it('finds none in a valid spec, nor in the example workloads', () => {
    expect(workloadProblems(valid)).toEqual([]);
    expect(workloadProblems(loadExampleWorkload('cpu-benchmark'))).toEqual([]);
    expect(workloadProblems(loadExampleWorkload('data-access-check'))).toEqual([]);
  });

  it('rejects a value that is not an object', () => {
    expect(workloadProblems([])).toEqual([{ field: 'workload', problem: 'must be an object' }]);
  });

  it('names an unknown key, top-level or nested, and lists the known ones', () => {
    const problems = workloadProblems({ ...valid, cmd: 'x', errorRules: [{ errorClass: 'site', regex: 'x' }] });
    expect(problems).toContainEqual({
      field: 'workload.cmd',
      problem: expect.stringMatching(/^is not a known field \(known: command, script, image/),
    });
    expect(problems).toContainEqual({
      field: 'workload.errorRules[0].regex',
      problem: 'is not a known field (known: errorClass, exitCodes, pattern, message)',
    });
  });

  it('wants exactly one of command and script', () => {
    const problem = { field: 'workload', problem: 'must set exactly one of command and script' };
    expect(workloadProblems({ ...valid, script: 'echo hi' })).toEqual([problem]);
    const { command: _command, ...neither } = valid;
    expect(workloadProblems(neither)).toEqual([problem]);
  });

  it('rejects an empty command', () => {
    expect(workloadProblems({ ...valid, command: '  ' })).toEqual([
      { field: 'workload.command', problem: 'must be a non-empty string' },
    ]);
  });

  it('names a regular expression that does not compile', () => {
    const problems = workloadProblems({ ...valid, success: { outputPattern: 'events/s: (' } });
    expect(problems).toEqual([
      { field: 'workload.success.outputPattern', problem: expect.stringMatching(/^is not a valid regular expression/) },
    ]);
  });

  it('wants a capture group in a metric pattern (escaped parentheses are none; named groups are)', () => {
    const metric = (pattern: string): unknown => ({ ...valid, metrics: [{ name: 'm', pattern }] });
    const problem = { field: 'workload.metrics[0].pattern', problem: 'must hold a capture group for the value' };
    expect(workloadProblems(metric('^events/s: [0-9.]+'))).toEqual([problem]);
    expect(workloadProblems(metric('^took \\(ms\\): \\d+'))).toEqual([problem]);
    expect(workloadProblems(metric('^events/s: (?:[0-9.]+)'))).toEqual([problem]);
    expect(workloadProblems(metric('^events/s: (?<value>[0-9.]+)'))).toEqual([]);
  });

  it('names a bad or repeated metric name and a bad source', () => {
    const metrics = [
      { name: 'Events', pattern: '(\\d+)' },
      { name: 'm', pattern: '(\\d+)', source: 'stdin' },
      { name: 'm', pattern: '(\\d+)' },
    ];
    expect(workloadProblems({ ...valid, metrics })).toEqual([
      { field: 'workload.metrics[0].name', problem: 'must match [a-z][a-z0-9_]* (at most 63 characters)' },
      { field: 'workload.metrics[1].source', problem: 'must be stdout or stderr' },
      { field: 'workload.metrics[2].name', problem: 'repeats metric m' },
    ]);
  });

  it('names an error rule with an unknown error class, or with neither exit codes nor pattern', () => {
    const errorRules = [{ errorClass: 'cosmic', exitCodes: [1] }, { errorClass: 'central' }];
    expect(workloadProblems({ ...valid, errorRules })).toEqual([
      { field: 'workload.errorRules[0].errorClass', problem: 'must be one of site, central, workload, unknown' },
      { field: 'workload.errorRules[1]', problem: 'must set exitCodes or pattern' },
    ]);
  });

  it('names bad exit codes: empty, out of range, not integers, not a list', () => {
    expect(fields({ ...valid, success: { exitCodes: [] } })).toEqual(['workload.success.exitCodes']);
    expect(workloadProblems({ ...valid, success: { exitCodes: [0, 256, 1.5] } })).toEqual([
      { field: 'workload.success.exitCodes[1]', problem: 'must be an integer from 0 to 255' },
      { field: 'workload.success.exitCodes[2]', problem: 'must be an integer from 0 to 255' },
    ]);
    expect(workloadProblems({ ...valid, errorRules: [{ errorClass: 'site', exitCodes: 66 }] })).toEqual([
      { field: 'workload.errorRules[0].exitCodes', problem: 'must be an array' },
    ]);
  });

  it('names bad resources, env and inputs', () => {
    const spec = {
      ...valid,
      resources: { cores: 0, timeLimitSeconds: 'long' },
      env: { 'BAD-NAME': 'x', COUNT: 3 },
      inputs: [{ path: '' }, {}],
    };
    expect(fields(spec)).toEqual([
      'workload.env.BAD-NAME',
      'workload.env.COUNT',
      'workload.resources.cores',
      'workload.resources.timeLimitSeconds',
      'workload.inputs[0].path',
      'workload.inputs[1].path',
    ]);
  });

  it('puts every field under the given root', () => {
    expect(workloadProblems({ ...valid, cmd: 'x' }, 'template.workload')).toEqual([
      { field: 'template.workload.cmd', problem: expect.any(String) },
    ]);
  });
});

describe('workloadProblems on patterns that could backtrack for ever', () => {
  it('refuses a repeated group that itself repeats, naming the field', () => {
    expect(workloadProblems({ command: 'x', success: { outputPattern: '^(a+)+$' } })).toEqual([
      { field: 'workload.success.outputPattern', problem: expect.stringContaining('exponential time') },
    ]);
  });

  it('accepts the example workloads own patterns', () => {
    expect(workloadProblems({ command: 'x', metrics: [{ name: 'eps', pattern: '^events/s: ([0-9.]+)' }] })).toEqual([]);
  });
});

describe('parseWorkloadSpec', () => {
  it('returns a valid spec as it is', () => {
    expect(parseWorkloadSpec(valid)).toEqual(valid);
  });

  it('throws a WorkloadSpecException listing every problem with its field', () => {
    const spec = { script: 'x', command: 'y', success: { exitCodes: [] } };
    expect(() => parseWorkloadSpec(spec)).toThrow(WorkloadSpecException);
    expect(() => parseWorkloadSpec(spec)).toThrow(
      'invalid workload: workload must set exactly one of command and script; ' +
        'workload.success.exitCodes must not be empty',
    );
  });
});
