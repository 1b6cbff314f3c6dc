import type { ErrorClassName } from '../backend-job-status';
import type { ErrorClassificationRule, WorkloadSpec } from './workload-spec';

/** Exit code a job is judged by when its backend killed it at its time limit (as GNU `timeout` reports). */
export const TIMED_OUT_EXIT_CODE = 124;

/** How a job's process ended, as its backend saw it. Outputs may be tails of the real ones. */
export interface JobRunResult {
  /** Null when it died of a signal. */
  readonly exitCode: number | null;
  readonly signal?: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InterpretedResult {
  readonly state: 'completed' | 'failed';
  readonly exitCode?: number;
  readonly errorClass?: ErrorClassName;
  readonly errorMessage?: string;
  readonly events?: number;
  readonly metrics: Record<string, number>;
}

/** Output judged, at most: the end of a job's stdout and of its stderr (bounds the time patterns take). */
export const JUDGED_OUTPUT_CHARS = 65_536;

function tail(text: string): string {
  return text.length > JUDGED_OUTPUT_CHARS ? text.slice(-JUDGED_OUTPUT_CHARS) : text;
}

function lastCapture(pattern: string, text: string): number | undefined {
  let value: number | undefined;
  for (const match of text.matchAll(new RegExp(pattern, 'gm'))) {
    const parsed = Number.parseFloat(match[1] ?? '');
    if (Number.isFinite(parsed)) {
      value = parsed;
    }
  }
  return value;
}

function matchingLine(pattern: string, text: string): string | undefined {
  const match = new RegExp(pattern, 'm').exec(text);
  if (match === null) {
    return undefined;
  }
  const start = text.lastIndexOf('\n', match.index) + 1;
  const end = text.indexOf('\n', match.index);
  return text.slice(start, end === -1 ? undefined : end).trim();
}

function ruleMatch(rule: ErrorClassificationRule, exitCode: number | undefined, output: string): string | null {
  if (rule.exitCodes !== undefined && (exitCode === undefined || !rule.exitCodes.includes(exitCode))) {
    return null;
  }
  if (rule.pattern === undefined) {
    return rule.message ?? '';
  }
  const line = matchingLine(rule.pattern, output);
  return line === undefined ? null : (rule.message ?? line);
}

function describeEnd(run: JobRunResult, exitCode: number | undefined, limitSeconds: number | undefined): string {
  if (run.timedOut) {
    return `the job exceeded its time limit${limitSeconds === undefined ? '' : ` of ${limitSeconds} s`}`;
  }
  if (exitCode === undefined) {
    return `the job was killed by ${run.signal ?? 'a signal'}`;
  }
  return `the job exited with code ${exitCode}`;
}

/**
 * Judges a finished job by its workload spec: success criteria, metrics, then (on failure) the first
 * matching error rule; no match gives `unknown`. A job killed at its time limit is judged with exit code
 * 124 and "time limit exceeded" added to its stderr, so rules can match either.
 */
export function interpretJobResult(workload: WorkloadSpec, whole: JobRunResult): InterpretedResult {
  const run = { ...whole, stdout: tail(whole.stdout), stderr: tail(whole.stderr) };
  const exitCode = run.timedOut ? TIMED_OUT_EXIT_CODE : (run.exitCode ?? undefined);
  const stderr = run.timedOut ? `${run.stderr}\ntime limit exceeded` : run.stderr;
  const metrics: Record<string, number> = {};
  let events: number | undefined;
  for (const metric of workload.metrics ?? []) {
    const value = lastCapture(metric.pattern, metric.source === 'stderr' ? stderr : run.stdout);
    if (value === undefined) {
      continue;
    }
    if (metric.name === 'events') {
      events = Math.round(value);
    } else {
      metrics[metric.name] = value;
    }
  }
  const base = {
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(events === undefined ? {} : { events }),
    metrics,
  };
  const okCodes = workload.success?.exitCodes ?? [0];
  const pattern = workload.success?.outputPattern;
  const exitOk = !run.timedOut && exitCode !== undefined && okCodes.includes(exitCode);
  const outputOk = pattern === undefined || new RegExp(pattern, 'm').test(run.stdout);
  if (exitOk && outputOk) {
    return { state: 'completed', ...base };
  }
  const output = `${run.stdout}\n${stderr}`;
  const end = exitOk
    ? `the job's output did not match the success pattern ${pattern ?? ''}`
    : describeEnd(run, exitCode, workload.resources?.timeLimitSeconds);
  for (const rule of workload.errorRules ?? []) {
    const message = ruleMatch(rule, exitCode, output);
    if (message !== null) {
      return { state: 'failed', ...base, errorClass: rule.errorClass, errorMessage: message === '' ? end : message };
    }
  }
  return { state: 'failed', ...base, errorClass: 'unknown', errorMessage: end };
}
