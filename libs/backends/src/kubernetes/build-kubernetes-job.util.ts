import type { V1Job, V1ResourceRequirements } from '@kubernetes/client-node';
import type { JobSpec } from '../job-spec';
import { judgingWorkload } from '../workload/judging-workload.util';
import { jobEnvironment, jobScript } from '../workload/job-variables';
import { WorkloadSpecException } from '../workload/workload-problem';
import type { WorkloadResources } from '../workload/workload-spec';
import type { KubernetesQueueConfig } from './kubernetes-queue-config';
import {
  DNS_1123_LABEL,
  JOB_CONTAINER,
  JOB_ID_LABEL,
  JOB_NAME_PREFIX,
  JUDGING_WORKLOAD_ANNOTATION,
  LABEL_VALUE,
  QUEUE_ID_LABEL,
  SUBMITTED_AT_ANNOTATION,
  TEST_ID_LABEL,
} from './kubernetes-names.constant';

/** The Job name of an Anvil job (`anvil-<job id>`); throws when the id cannot make a DNS-1123 label. */
export function kubernetesJobName(jobId: string): string {
  const name = `${JOB_NAME_PREFIX}${jobId}`;
  if (!DNS_1123_LABEL.test(name)) {
    throw new Error(`job id ${jobId} cannot name a Kubernetes Job: ${name} is not a DNS-1123 label`);
  }
  return name;
}

function labelValue(value: string, what: string): string {
  if (!LABEL_VALUE.test(value)) {
    throw new Error(`${what} ${value} is not a valid Kubernetes label value`);
  }
  return value;
}

/** Requests equal limits (a Guaranteed pod): the job gets what it asked for and is held to it. */
function resourcesOf(resources: WorkloadResources | undefined): V1ResourceRequirements | undefined {
  const amounts: Record<string, string> = {
    ...(resources?.cores === undefined ? {} : { cpu: String(resources.cores) }),
    ...(resources?.memoryMb === undefined ? {} : { memory: `${resources.memoryMb}Mi` }),
  };
  return Object.keys(amounts).length === 0 ? undefined : { requests: amounts, limits: amounts };
}

/**
 * The batch/v1 Job of an Anvil job: one container running `bash -c <job script>` in the workload's image
 * with the job's environment, no retries (`backoffLimit: 0`, `restartPolicy: Never`), the workload's time
 * limit as `activeDeadlineSeconds`, labels naming the test, queue and job, and annotations holding Anvil's
 * submission time (for `jobsOfTest`) and the workload's judging part (for `poll`). Throws a `WorkloadSpecException` when the workload has no image.
 */
export function buildKubernetesJob(
  spec: JobSpec,
  config: KubernetesQueueConfig,
  namespace: string,
  ttlSecondsAfterFinished: number,
): V1Job {
  const { workload } = spec;
  if (workload.image === undefined) {
    throw new WorkloadSpecException([
      {
        field: 'workload.image',
        problem: 'is required by the kubernetes backend: the container image the job runs in',
      },
    ]);
  }
  const labels = {
    [TEST_ID_LABEL]: labelValue(spec.testId, 'test id'),
    [QUEUE_ID_LABEL]: labelValue(spec.queueId, 'queue id'),
    [JOB_ID_LABEL]: labelValue(spec.jobId, 'job id'),
  };
  const resources = resourcesOf(workload.resources);
  const deadline = workload.resources?.timeLimitSeconds;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: kubernetesJobName(spec.jobId),
      namespace,
      labels,
      annotations: {
        [SUBMITTED_AT_ANNOTATION]: spec.submittedAt.toISOString(),
        [JUDGING_WORKLOAD_ANNOTATION]: JSON.stringify(judgingWorkload(workload)),
      },
    },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished,
      ...(deadline === undefined ? {} : { activeDeadlineSeconds: deadline }),
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          ...(config.serviceAccount === undefined ? {} : { serviceAccountName: config.serviceAccount }),
          ...(config.nodeSelector === undefined ? {} : { nodeSelector: { ...config.nodeSelector } }),
          containers: [
            {
              name: JOB_CONTAINER,
              image: workload.image,
              command: ['bash', '-c', jobScript(workload)],
              env: Object.entries(jobEnvironment(workload, spec.variables)).map(([name, value]) => ({ name, value })),
              ...(resources === undefined ? {} : { resources }),
            },
          ],
        },
      },
    },
  };
}
