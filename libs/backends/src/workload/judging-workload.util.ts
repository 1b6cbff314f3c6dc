import { workloadProblems } from './parse-workload-spec';
import type { WorkloadSpec } from './workload-spec';

/**
 * The parts of a workload that judge a finished job: success criteria, metrics, error rules and limits.
 * Backends whose `poll` only gets ids (panda, kubernetes) store them with the job at submission, so that
 * any submitter process can judge the job later.
 */
export function judgingWorkload(workload: WorkloadSpec): WorkloadSpec {
  const limits = workload.resources;
  return {
    ...(workload.success === undefined ? {} : { success: workload.success }),
    ...(workload.metrics === undefined ? {} : { metrics: workload.metrics }),
    ...(workload.errorRules === undefined ? {} : { errorRules: workload.errorRules }),
    ...(limits?.timeLimitSeconds === undefined && limits?.memoryMb === undefined
      ? {}
      : { resources: { timeLimitSeconds: limits.timeLimitSeconds, memoryMb: limits.memoryMb } }),
  };
}

/**
 * Reads what `judgingWorkload` stored (as JSON). Anything else — missing, not JSON, or not a valid workload
 * part — gives `{}`, so the job is judged by the defaults (exit code 0, no rules) rather than not at all.
 */
export function readJudgingWorkload(json: string | undefined): WorkloadSpec {
  let value: unknown;
  try {
    value = json === undefined ? undefined : JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  // The stored part has no command; a placeholder one lets the full workload check run on the rest.
  return workloadProblems({ ...value, command: ':' }).length === 0 ? value : {};
}
