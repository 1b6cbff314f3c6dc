import type { ErrorClass, JobOutcome } from '../engine.types';
import { parsePolicy } from '../policy/parse-policy.util';
import type { Policy } from '../policy/policy.types';

/** Epoch ms of minute 0 of every synthetic sequence. */
export const T0 = Date.UTC(2025, 0, 6);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const at = (minutes: number): number => T0 + minutes * MINUTE;

let counter = 0;

export interface OutcomeSpec {
  readonly queue?: string;
  readonly site?: string;
  readonly template?: string;
  /** Minutes after T0. */
  readonly minute: number;
  /** `ok`, or the error class of a failure. */
  readonly result: 'ok' | ErrorClass;
  readonly jobId?: string;
}

/** One synthetic job outcome; job ids are unique unless given. */
export function job(spec: OutcomeSpec): JobOutcome {
  counter += 1;
  const base = {
    jobId: spec.jobId ?? `job-${counter}`,
    queueId: spec.queue ?? 'Q1',
    siteId: spec.site ?? 'SITE-A',
    templateId: spec.template ?? 'T1',
    time: at(spec.minute),
  };
  return spec.result === 'ok'
    ? { ...base, outcome: 'completed' }
    : { ...base, outcome: 'failed', errorClass: spec.result };
}

/**
 * A run of outcomes on one queue, one every `every` minutes from `from`, cycling through `templates`;
 * `results` is a string: `.` completed, `s` site, `c` central, `w` workload, `u` unknown failure.
 */
export function run(
  results: string,
  options: { queue?: string; site?: string; from?: number; every?: number; templates?: readonly string[] } = {},
): JobOutcome[] {
  const templates = options.templates ?? ['T1'];
  const classes: Readonly<Record<string, 'ok' | ErrorClass>> = {
    '.': 'ok',
    s: 'site',
    c: 'central',
    w: 'workload',
    u: 'unknown',
  };
  return [...results].map((ch, i) =>
    job({
      ...(options.queue === undefined ? {} : { queue: options.queue }),
      ...(options.site === undefined ? {} : { site: options.site }),
      template: templates[i % templates.length],
      minute: (options.from ?? 0) + i * (options.every ?? 1),
      result: classes[ch] ?? 'ok',
    }),
  );
}

/** A small valid policy document; `changes` are merged on top (shallowly). */
export function policyDocument(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test-policy',
    version: 1,
    enforce: true,
    countErrorClasses: ['site'],
    evidence: { maxAge: '4h', perTemplate: 10, perQueue: 50 },
    exclude: { consecutiveFailures: { count: 3 } },
    recover: { consecutiveSuccesses: { count: 2 } },
    ...changes,
  };
}

export function testPolicy(changes: Record<string, unknown> = {}): Policy {
  return parsePolicy(policyDocument(changes));
}

/** Feeds outcomes to anything with `observe` and returns every decision, in order. */
export function feed<TDecision>(
  engine: { observe(o: JobOutcome): TDecision[] },
  outcomes: readonly JobOutcome[],
): TDecision[] {
  return outcomes.flatMap((o) => engine.observe(o));
}
