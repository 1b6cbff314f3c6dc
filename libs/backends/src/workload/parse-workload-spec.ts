import { ERROR_CLASS_NAMES, type ErrorClassName } from '../backend-job-status';
import { WorkloadSpecException, type WorkloadProblem } from './workload-problem';
import type { WorkloadSpec } from './workload-spec';

type Fields = Record<string, unknown>;

const TOP_LEVEL = ['command', 'script', 'image', 'env', 'resources', 'inputs', 'success', 'metrics', 'errorRules'];
const MAX_TEXT = 65_536;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METRIC_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/**
 * A group holding a repetition, itself repeated (`(a+)+`, `(\w+\s?)*`): the classic shape of patterns that
 * backtrack for ever on a long line. Patterns run on the submitter, over job output: such shapes are refused.
 */
const NESTED_REPETITION = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,?\d*\})/;

/** How many capture groups a regular expression has (-1 when it does not compile). */
function captureGroups(source: string): number {
  try {
    // The empty alternative always matches, and the match holds one entry per group.
    return (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;
  } catch {
    return -1;
  }
}

/** Collects problems while walking a JSON value; each check names the field it looked at. */
class Checker {
  readonly problems: WorkloadProblem[] = [];

  fail(field: string, problem: string): void {
    this.problems.push({ field, problem });
  }

  object(value: unknown, field: string, keys: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(field, 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        this.fail(`${field}.${key}`, `is not a known field (known: ${keys.join(', ')})`);
      }
    }
    return value as Fields;
  }

  text(value: unknown, field: string, max = MAX_TEXT): string | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(field, 'must be a non-empty string');
      return undefined;
    }
    if (value.length > max) {
      this.fail(field, `must be at most ${max} characters`);
    }
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): void {
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)) {
      this.fail(field, `must be an integer from ${min} to ${max}`);
    }
  }

  regex(value: unknown, field: string): void {
    const source = this.text(value, field, 1000);
    if (source === undefined) {
      return;
    }
    try {
      new RegExp(source, 'm');
    } catch (error) {
      this.fail(field, `is not a valid regular expression (${(error as Error).message})`);
      return;
    }
    if (NESTED_REPETITION.test(source)) {
      this.fail(field, 'must not repeat a group that itself repeats, like (a+)+: matching could take exponential time');
    }
  }

  array(value: unknown, field: string, max: number): unknown[] {
    if (value === undefined) {
      return [];
    }
    if (!Array.isArray(value)) {
      this.fail(field, 'must be an array');
      return [];
    }
    if (value.length > max) {
      this.fail(field, `must hold at most ${max} entries`);
    }
    return value;
  }

  exitCodes(value: unknown, field: string): void {
    const codes = this.array(value, field, 256);
    if (Array.isArray(value) && value.length === 0) {
      this.fail(field, 'must not be empty');
    }
    codes.forEach((code, i) => this.integer(code, `${field}[${i}]`, 0, 255));
  }
}

function checkResources(c: Checker, value: unknown, field: string): void {
  const r = c.object(value, field, ['cores', 'memoryMb', 'timeLimitSeconds']);
  if (r !== undefined) {
    c.integer(r.cores, `${field}.cores`, 1, 1024);
    c.integer(r.memoryMb, `${field}.memoryMb`, 1, 16 * 1024 * 1024);
    c.integer(r.timeLimitSeconds, `${field}.timeLimitSeconds`, 1, 7 * 24 * 3600);
  }
}

function checkEnv(c: Checker, value: unknown, field: string): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    c.fail(field, 'must be an object of strings');
    return;
  }
  for (const [name, v] of Object.entries(value)) {
    if (!ENV_NAME.test(name)) {
      c.fail(`${field}.${name}`, 'is not a valid environment variable name');
    } else if (typeof v !== 'string') {
      c.fail(`${field}.${name}`, 'must be a string');
    }
  }
}

function checkRules(c: Checker, value: unknown, field: string): void {
  c.array(value, field, 100).forEach((entry, i) => {
    const at = `${field}[${i}]`;
    const rule = c.object(entry, at, ['errorClass', 'exitCodes', 'pattern', 'message']);
    if (rule === undefined) {
      return;
    }
    if (!ERROR_CLASS_NAMES.includes(rule.errorClass as ErrorClassName)) {
      c.fail(`${at}.errorClass`, `must be one of ${ERROR_CLASS_NAMES.join(', ')}`);
    }
    if (rule.exitCodes === undefined && rule.pattern === undefined) {
      c.fail(at, 'must set exitCodes or pattern');
    }
    c.exitCodes(rule.exitCodes, `${at}.exitCodes`);
    c.regex(rule.pattern, `${at}.pattern`);
    c.text(rule.message, `${at}.message`, 1000);
  });
}

function checkMetrics(c: Checker, value: unknown, field: string): void {
  const seen = new Set<string>();
  c.array(value, field, 50).forEach((entry, i) => {
    const at = `${field}[${i}]`;
    const metric = c.object(entry, at, ['name', 'pattern', 'source']);
    if (metric === undefined) {
      return;
    }
    if (typeof metric.name !== 'string' || !METRIC_NAME.test(metric.name)) {
      c.fail(`${at}.name`, 'must match [a-z][a-z0-9_]* (at most 63 characters)');
    } else if (seen.has(metric.name)) {
      c.fail(`${at}.name`, `repeats metric ${metric.name}`);
    } else {
      seen.add(metric.name);
    }
    c.regex(metric.pattern, `${at}.pattern`);
    if (typeof metric.pattern === 'string' && captureGroups(metric.pattern) === 0) {
      c.fail(`${at}.pattern`, 'must hold a capture group for the value');
    }
    if (metric.source !== undefined && metric.source !== 'stdout' && metric.source !== 'stderr') {
      c.fail(`${at}.source`, 'must be stdout or stderr');
    }
  });
}

/** Every problem of a workload spec (empty when it is valid), each naming its field under `root`. */
export function workloadProblems(value: unknown, root = 'workload'): WorkloadProblem[] {
  const c = new Checker();
  const w = c.object(value, root, TOP_LEVEL);
  if (w === undefined) {
    return c.problems;
  }
  if ((w.command === undefined) === (w.script === undefined)) {
    c.fail(root, 'must set exactly one of command and script');
  }
  c.text(w.command, `${root}.command`, 8192);
  c.text(w.script, `${root}.script`);
  c.text(w.image, `${root}.image`, 1000);
  checkEnv(c, w.env, `${root}.env`);
  if (w.resources !== undefined) {
    checkResources(c, w.resources, `${root}.resources`);
  }
  c.array(w.inputs, `${root}.inputs`, 100).forEach((entry, i) => {
    const input = c.object(entry, `${root}.inputs[${i}]`, ['path']);
    if (input !== undefined) {
      c.text(input.path ?? '', `${root}.inputs[${i}].path`, 4096);
    }
  });
  if (w.success !== undefined) {
    const s = c.object(w.success, `${root}.success`, ['exitCodes', 'outputPattern']);
    if (s !== undefined) {
      c.exitCodes(s.exitCodes, `${root}.success.exitCodes`);
      c.regex(s.outputPattern, `${root}.success.outputPattern`);
    }
  }
  checkMetrics(c, w.metrics, `${root}.metrics`);
  checkRules(c, w.errorRules, `${root}.errorRules`);
  return c.problems;
}

/** The spec, checked; throws a WorkloadSpecException naming every bad field. */
export function parseWorkloadSpec(value: unknown, root = 'workload'): WorkloadSpec {
  const problems = workloadProblems(value, root);
  if (problems.length > 0) {
    throw new WorkloadSpecException(problems);
  }
  return value as WorkloadSpec;
}
