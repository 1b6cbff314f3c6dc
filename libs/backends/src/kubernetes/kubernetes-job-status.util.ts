import type { V1Job, V1JobCondition, V1Pod } from '@kubernetes/client-node';
import type { BackendJobStatus } from '../backend-job-status';
import { readJudgingWorkload } from '../workload/judging-workload.util';
import { interpretJobResult, type JobRunResult } from '../workload/interpret-result';
import { JOB_CONTAINER, JUDGING_WORKLOAD_ANNOTATION } from './kubernetes-names.constant';

/** Container waiting reasons that mean the node could not get the image: the site's side. */
const IMAGE_PULL_REASONS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull'];

/** The Job's final condition (`Complete` or `Failed` with status True), if it has ended. */
export function finalCondition(job: V1Job): V1JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function timing(start: Date | undefined, end: Date | undefined): Partial<BackendJobStatus> {
  return {
    ...(start === undefined ? {} : { startedAt: start }),
    ...(end === undefined ? {} : { finishedAt: end }),
    ...(start === undefined || end === undefined ? {} : { wallSeconds: (end.getTime() - start.getTime()) / 1000 }),
  };
}

/**
 * What a Job says about an Anvil job. A Job still running is `running` once its pod is ready (a pod without
 * a readiness probe is ready when its container runs), else `submitted`. A finished Job is judged from its
 * pod (the job container's exit code and end reason) and its log tail (Kubernetes merges stdout and stderr,
 * so the tail is given to the workload as both): an image that could not be pulled or an evicted pod is the
 * site's failure; an OOM kill is the workload's when it set a memory limit, else the node's (site);
 * `DeadlineExceeded` is the time limit; everything else goes through the workload's rules.
 */
export function kubernetesJobStatus(job: V1Job, pod: V1Pod | undefined, logTail: string): BackendJobStatus {
  const ended = finalCondition(job);
  if (ended === undefined) {
    return (job.status?.ready ?? 0) > 0 ? { state: 'running' } : { state: 'submitted' };
  }
  const container = pod?.status?.containerStatuses?.find((c) => c.name === JOB_CONTAINER);
  const terminated = container?.state?.terminated;
  const waiting = container?.state?.waiting;
  const base = timing(terminated?.startedAt, terminated?.finishedAt ?? ended.lastTransitionTime);
  const image = pod?.spec?.containers.find((c) => c.name === JOB_CONTAINER)?.image;
  if (waiting?.reason !== undefined && IMAGE_PULL_REASONS.includes(waiting.reason)) {
    const detail = `${waiting.reason}${waiting.message === undefined ? '' : `: ${waiting.message}`}`;
    const what = image === undefined ? 'the image' : `the image ${image}`;
    return { state: 'failed', ...base, errorClass: 'site', errorMessage: `${what} could not be pulled (${detail})` };
  }
  if (pod?.status?.reason === 'Evicted') {
    return {
      state: 'failed',
      ...base,
      errorClass: 'site',
      errorMessage:
        pod.status.message === undefined ? 'the pod was evicted' : `the pod was evicted: ${pod.status.message}`,
    };
  }
  const judging = readJudgingWorkload(job.metadata?.annotations?.[JUDGING_WORKLOAD_ANNOTATION]);
  const timedOut = ended.type === 'Failed' && ended.reason === 'DeadlineExceeded';
  if (ended.type === 'Failed' && !timedOut && terminated === undefined) {
    const why = `${ended.reason ?? 'Failed'}${ended.message === undefined ? '' : `: ${ended.message}`}`;
    return { state: 'failed', ...base, errorClass: 'unknown', errorMessage: `Kubernetes: ${why}` };
  }
  // Kubernetes marks a Job Complete only after its container exited 0.
  const exitCode = timedOut ? null : (terminated?.exitCode ?? 0);
  const run: JobRunResult = { exitCode, timedOut, stdout: logTail, stderr: logTail };
  const judged = interpretJobResult(judging, run);
  const figures = {
    ...(judged.events === undefined ? {} : { events: judged.events }),
    ...(Object.keys(judged.metrics).length === 0 ? {} : { metrics: judged.metrics }),
  };
  if (terminated?.reason === 'OOMKilled') {
    const limit = judging.resources?.memoryMb;
    return {
      state: 'failed',
      ...base,
      exitCode: terminated.exitCode,
      ...figures,
      errorClass: limit === undefined ? 'site' : 'workload',
      errorMessage:
        limit === undefined
          ? 'the node ran out of memory and killed the job (OOMKilled)'
          : `the job exceeded its memory limit of ${limit} MiB (OOMKilled)`,
    };
  }
  return {
    state: judged.state,
    ...base,
    ...(judged.exitCode === undefined ? {} : { exitCode: judged.exitCode }),
    ...figures,
    ...(judged.errorClass === undefined ? {} : { errorClass: judged.errorClass, errorMessage: judged.errorMessage }),
  };
}
