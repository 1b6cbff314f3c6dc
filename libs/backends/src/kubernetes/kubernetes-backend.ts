import { BatchV1Api, CoreV1Api, HttpError, KubeConfig, type V1Job, type V1Pod } from '@kubernetes/client-node';
import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { buildKubernetesJob } from './build-kubernetes-job.util';
import { KubernetesApiException } from './kubernetes-api.exception';
import { finalCondition, kubernetesJobStatus } from './kubernetes-job-status.util';
import {
  JOB_CONTAINER,
  JOB_ID_LABEL,
  JOB_NAME_PREFIX,
  QUEUE_ID_LABEL,
  SUBMITTED_AT_ANNOTATION,
  TEST_ID_LABEL,
} from './kubernetes-names.constant';
import { validateKubernetesQueueConfig } from './validate-kubernetes-queue-config.util';

export interface KubernetesBackendOptions {
  /** A loaded `KubeConfig`, the path of a kubeconfig file, or absent: the default (`$KUBECONFIG`, `~/.kube/config`, in-cluster). */
  readonly kubeConfig?: KubeConfig | string;
  /** Namespace of the Jobs of queues that do not name one. */
  readonly namespace: string;
  /** Bytes of the end of a finished job's log read for output patterns and metrics; default 64 KiB. */
  readonly logTailBytes?: number;
  /** Seconds a finished Job (and its pod) stays before Kubernetes deletes it; default 6 h. Polls must see it before. */
  readonly ttlSecondsAfterFinished?: number;
  /** Per API request; default 30 s. */
  readonly requestTimeoutMs?: number;
}

/** Lines asked of the API server for a log tail; `logTailBytes` then keeps the end of them. */
const LOG_TAIL_LINES = 2000;
/** A set-based selector over 100 ids keeps the list URL near 4 kB. */
const MAX_POLL_BATCH = 100;

interface JobRef {
  readonly namespace: string;
  readonly name: string;
}

function parseBackendJobId(backendJobId: string): JobRef | undefined {
  const [namespace, name, ...rest] = backendJobId.split('/');
  const valid = rest.length === 0 && namespace !== '' && name?.startsWith(JOB_NAME_PREFIX) === true;
  return valid ? { namespace, name } : undefined;
}

function jobIdOf(name: string): string {
  return name.slice(JOB_NAME_PREFIX.length);
}

function loadKubeConfig(option: KubeConfig | string | undefined): KubeConfig {
  if (option instanceof KubeConfig) {
    return option;
  }
  const config = new KubeConfig();
  if (option === undefined) {
    config.loadFromDefault();
  } else {
    config.loadFromFile(option);
  }
  return config;
}

function jobRecordOf(namespace: string, job: V1Job): BackendJobRecord | undefined {
  const labels = job.metadata?.labels ?? {};
  const [jobId, queueId, name] = [labels[JOB_ID_LABEL], labels[QUEUE_ID_LABEL], job.metadata?.name];
  const submittedAt = new Date(job.metadata?.annotations?.[SUBMITTED_AT_ANNOTATION] ?? Number.NaN);
  if (jobId === undefined || queueId === undefined || name === undefined || Number.isNaN(submittedAt.getTime())) {
    return undefined;
  }
  return { jobId, queueId, backendJobId: `${namespace}/${name}`, submittedAt };
}

/** The pod of each job id (the newest, should there be more than one), by the job-id label. */
function podsByJobId(pods: readonly V1Pod[]): Map<string, V1Pod> {
  const byJob = new Map<string, V1Pod>();
  for (const pod of pods) {
    const jobId = pod.metadata?.labels?.[JOB_ID_LABEL];
    const seen = jobId === undefined ? undefined : byJob.get(jobId);
    const created = pod.metadata?.creationTimestamp?.getTime() ?? 0;
    if (jobId !== undefined && (seen === undefined || (seen.metadata?.creationTimestamp?.getTime() ?? 0) < created)) {
      byJob.set(jobId, pod);
    }
  }
  return byJob;
}

/**
 * Runs Anvil jobs as batch/v1 Jobs (`@kubernetes/client-node`): one Job per job, named `anvil-<job id>` and
 * labelled with the test, queue and job ids. `poll` lists a batch's Jobs with one label-selector call per
 * namespace, then the pods of the finished ones with one more, and reads each finished job's log tail.
 * A queue's `backend_config` is a `KubernetesQueueConfig`. See docs/backends/kubernetes.md.
 */
export class KubernetesBackend implements Backend {
  readonly name = 'kubernetes' as const;
  /** No CPU or memory figures (Kubernetes keeps none for finished pods): wall time and output-pattern metrics only. */
  readonly capabilities: BackendCapabilities = {
    cancel: true,
    bulkPoll: true,
    metrics: false,
    maxPollBatch: MAX_POLL_BATCH,
  };

  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;
  private readonly logTailBytes: number;
  /** Namespaces `jobsOfTest` searches: the default one and every one this backend has used. */
  private readonly namespaces: Set<string>;

  constructor(private readonly options: KubernetesBackendOptions) {
    const kubeConfig = loadKubeConfig(options.kubeConfig);
    this.batch = kubeConfig.makeApiClient(BatchV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    const timeout = options.requestTimeoutMs ?? 30_000;
    for (const api of [this.batch, this.core]) {
      // The generated client hands each interceptor the options of its `request` call.
      api.addInterceptor((request: { timeout?: number }) => {
        request.timeout = timeout;
      });
    }
    this.logTailBytes = options.logTailBytes ?? 64 * 1024;
    this.namespaces = new Set([options.namespace]);
  }

  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const config = validateKubernetesQueueConfig(spec.backendConfig, `queue ${spec.queueId} backendConfig`);
    const namespace = config.namespace ?? this.options.namespace;
    const job = buildKubernetesJob(spec, config, namespace, this.options.ttlSecondsAfterFinished ?? 6 * 3600);
    const name = job.metadata?.name ?? '';
    this.namespaces.add(namespace);
    try {
      await this.call('createNamespacedJob', () => this.batch.createNamespacedJob(namespace, job));
    } catch (error) {
      // 409: a Job of this name exists — this job, submitted by an earlier attempt whose answer was lost.
      if (!(error instanceof KubernetesApiException && error.statusCode === 409)) {
        throw error;
      }
    }
    return { backendJobId: `${namespace}/${name}` };
  }

  async poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const byNamespace = new Map<string, string[]>();
    for (const ref of backendJobIds.map(parseBackendJobId)) {
      if (ref !== undefined) {
        byNamespace.set(ref.namespace, [...(byNamespace.get(ref.namespace) ?? []), ref.name]);
      }
    }
    const statuses = new Map<string, BackendJobStatus>();
    for (const [namespace, names] of byNamespace) {
      this.namespaces.add(namespace);
      for (const [name, status] of await this.pollNamespace(namespace, names)) {
        statuses.set(`${namespace}/${name}`, status);
      }
    }
    return statuses;
  }

  async cancel(backendJobId: string): Promise<void> {
    const ref = parseBackendJobId(backendJobId);
    if (ref === undefined) {
      return;
    }
    // Deleting a finished Job would lose its final status: leave those alone.
    const job = await this.unlessNotFound('readNamespacedJob', () =>
      this.batch.readNamespacedJob(ref.name, ref.namespace),
    );
    if (job === undefined || finalCondition(job.body) !== undefined) {
      return;
    }
    await this.unlessNotFound('deleteNamespacedJob', () =>
      this.batch.deleteNamespacedJob(ref.name, ref.namespace, undefined, undefined, undefined, undefined, 'Background'),
    );
  }

  /**
   * The test's Jobs in the backend's namespace and every namespace it has used since it started. A Job
   * without Anvil's submission-time annotation is left out: its time could not be reported exactly.
   */
  async jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    const records: BackendJobRecord[] = [];
    for (const namespace of this.namespaces) {
      const { body } = await this.call('listNamespacedJob', () =>
        this.listJobs(namespace, `${TEST_ID_LABEL}=${testId}`),
      );
      for (const job of body.items) {
        const record = jobRecordOf(namespace, job);
        if (record !== undefined) {
          records.push(record);
        }
      }
    }
    return records;
  }

  private async pollNamespace(namespace: string, names: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const selector = `${JOB_ID_LABEL} in (${names.map(jobIdOf).join(',')})`;
    const { body } = await this.call('listNamespacedJob', () => this.listJobs(namespace, selector));
    const jobs = body.items.filter((job) => names.includes(job.metadata?.name ?? ''));
    const finished = jobs.filter((job) => finalCondition(job) !== undefined);
    const pods = finished.length === 0 ? new Map<string, V1Pod>() : await this.podsOf(namespace, finished);
    const statuses = new Map<string, BackendJobStatus>();
    for (const job of jobs) {
      const name = job.metadata?.name ?? '';
      const pod = pods.get(jobIdOf(name));
      const logTail = pod === undefined || finalCondition(job) === undefined ? '' : await this.logTail(namespace, pod);
      statuses.set(name, kubernetesJobStatus(job, pod, logTail));
    }
    return statuses;
  }

  private async podsOf(namespace: string, jobs: readonly V1Job[]): Promise<Map<string, V1Pod>> {
    const ids = jobs.map((job) => jobIdOf(job.metadata?.name ?? ''));
    const selector = `${JOB_ID_LABEL} in (${ids.join(',')})`;
    const { body } = await this.call('listNamespacedPod', () =>
      this.core.listNamespacedPod(namespace, undefined, undefined, undefined, undefined, selector),
    );
    return podsByJobId(body.items);
  }

  /** The end of the job container's log; empty when the container never ran or the pod is already gone. */
  private async logTail(namespace: string, pod: V1Pod): Promise<string> {
    const ran = pod.status?.containerStatuses?.some((c) => c.name === JOB_CONTAINER && c.state?.terminated);
    const name = pod.metadata?.name;
    if (!ran || name === undefined) {
      return '';
    }
    const log = await this.unlessNotFound('readNamespacedPodLog', () =>
      // Positional arguments: container, then follow … timestamps unset but tailLines.
      this.core.readNamespacedPodLog(
        name,
        namespace,
        JOB_CONTAINER,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        LOG_TAIL_LINES,
      ),
    );
    const text = typeof log?.body === 'string' ? log.body : '';
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length <= this.logTailBytes ? text : bytes.subarray(bytes.length - this.logTailBytes).toString('utf8');
  }

  private listJobs(namespace: string, labelSelector: string) {
    return this.batch.listNamespacedJob(namespace, undefined, undefined, undefined, undefined, labelSelector);
  }

  /** Runs an API call; a failure becomes a `KubernetesApiException` naming `call`. */
  private async call<T>(call: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof HttpError) {
        const body = error.body as { message?: string } | undefined;
        const reason = `HTTP ${error.statusCode ?? '?'}${body?.message ? ` ${body.message}` : ''}`;
        throw new KubernetesApiException(call, reason, error.statusCode);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new KubernetesApiException(call, `the API server could not be reached (${reason})`);
    }
  }

  /** Like `call`, but a 404 (the object is gone) gives undefined. */
  private async unlessNotFound<T>(call: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(call, run);
    } catch (error) {
      if (error instanceof KubernetesApiException && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
