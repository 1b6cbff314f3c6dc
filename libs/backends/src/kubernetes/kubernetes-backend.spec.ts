import { KubeConfig } from '@kubernetes/client-node';
import { ContractReplayServer } from '../contract-replay/contract-replay-server';
import { loadContractFixture } from '../contract-replay/load-contract-fixture.util';
import type { JobSpec } from '../job-spec';
import { WorkloadSpecException } from '../workload/workload-problem';
import type { WorkloadSpec } from '../workload/workload-spec';
import { KubernetesApiException } from './kubernetes-api.exception';
import { KubernetesBackend, type KubernetesBackendOptions } from './kubernetes-backend';
import { QueueConfigException } from '../queue-config.exception';

const TEST_ID = '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const QUEUE_ID = '4c3b2a19-8d7e-4f6a-9b5c-3d2e1f0a9b8c';
const GPU_QUEUE_ID = '5d4c3b2a-9e8f-4a7b-8c6d-4e3f2a1b0c9d';
const NS = 'anvil-tests';
const SUBMITTED_AT = new Date('2025-03-01T11:58:01.250Z');

function jobId(n: number): string {
  return `3a9e5c1f-7b2d-4e8a-9c6f-1b0d2e3f4a${String(n).padStart(2, '0')}`;
}

function ref(n: number, namespace = NS): string {
  return `${namespace}/anvil-${jobId(n)}`;
}

const WORKLOAD: WorkloadSpec = {
  script: 'echo "starting benchmark"\n./benchmark --events "$ANVIL_EVENTS"\n',
  image: 'ghcr.io/anvil/cpu-benchmark:1.0',
  env: { ANVIL_EVENTS: '1000' },
  resources: { cores: 1, memoryMb: 2048, timeLimitSeconds: 600 },
  success: { exitCodes: [0], outputPattern: '^events/s: ' },
  metrics: [
    { name: 'events', pattern: '^events processed: (\\d+)' },
    { name: 'events_per_second', pattern: '^events/s: ([0-9.]+)' },
  ],
  errorRules: [
    { errorClass: 'workload', exitCodes: [2], message: 'the benchmark was misconfigured' },
    { errorClass: 'site', pattern: 'No space left on device' },
  ],
};

const GPU_CONFIG = {
  namespace: 'anvil-gpu',
  nodeSelector: { 'nvidia.com/gpu.present': 'true' },
  serviceAccount: 'anvil-runner',
};

function jobSpec(n: number, overrides: Partial<JobSpec> = {}): JobSpec {
  const queueId = overrides.queueId ?? QUEUE_ID;
  return {
    jobId: jobId(n),
    testId: TEST_ID,
    queueId,
    submittedAt: SUBMITTED_AT,
    backendConfig: {},
    workload: WORKLOAD,
    variables: {
      testId: TEST_ID,
      queueId,
      queueName: queueId === GPU_QUEUE_ID ? 'k8s-cern-gpu' : 'k8s-cern-a',
      siteId: 'CERN-PROD',
      jobId: jobId(n),
      jobIndex: 0,
      backend: 'kubernetes',
    },
    ...overrides,
  };
}

function gpuJobSpec(n: number): JobSpec {
  return jobSpec(n, { queueId: GPU_QUEUE_ID, backendConfig: GPU_CONFIG });
}

describe(KubernetesBackend.name, () => {
  let replay: ContractReplayServer;
  let verifyAfter: boolean;

  async function backendReplaying(
    fixture: string | null,
    options: Partial<KubernetesBackendOptions> = {},
  ): Promise<KubernetesBackend> {
    replay = await ContractReplayServer.start(
      fixture === null ? [] : loadContractFixture(__dirname, fixture).exchanges,
    );
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'replay', server: replay.url, skipTLSVerify: true }],
      users: [{ name: 'anvil', token: 'anvil-k8s-token' }],
      contexts: [{ name: 'replay', cluster: 'replay', user: 'anvil' }],
      currentContext: 'replay',
    });
    return new KubernetesBackend({ kubeConfig, namespace: NS, requestTimeoutMs: 5_000, ...options });
  }

  beforeEach(() => {
    verifyAfter = true;
  });

  afterEach(async () => {
    try {
      if (verifyAfter) {
        replay.verify();
      }
    } finally {
      await replay.close();
    }
  });

  describe('submit', () => {
    it('creates a labelled Job in the backend namespace, or in the queue namespace with its node selector and account', async () => {
      const backend = await backendReplaying('submit');

      await expect(backend.submit(jobSpec(1))).resolves.toEqual({ backendJobId: ref(1) });
      await expect(backend.submit(gpuJobSpec(2))).resolves.toEqual({ backendJobId: ref(2, 'anvil-gpu') });
    });

    it('takes an existing Job of the same name as this job (a retried submission)', async () => {
      const backend = await backendReplaying('submit-conflict');

      await expect(backend.submit(jobSpec(1))).resolves.toEqual({ backendJobId: ref(1) });
    });

    it('refuses a workload without an image, without calling the API server', async () => {
      const backend = await backendReplaying(null);
      const { image: _image, ...withoutImage } = WORKLOAD;

      const error: unknown = await backend.submit(jobSpec(1, { workload: withoutImage })).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(WorkloadSpecException);
      expect((error as WorkloadSpecException).problems).toEqual([
        {
          field: 'workload.image',
          problem: 'is required by the kubernetes backend: the container image the job runs in',
        },
      ]);
    });

    it('refuses an invalid queue namespace, naming the field', async () => {
      const backend = await backendReplaying(null);

      await expect(backend.submit(jobSpec(1, { backendConfig: { namespace: 'Anvil_GPU' } }))).rejects.toThrow(
        QueueConfigException,
      );
      await expect(backend.submit(jobSpec(1, { backendConfig: { namespace: 'Anvil_GPU' } }))).rejects.toThrow(
        `queue ${QUEUE_ID} backendConfig.namespace must be a DNS-1123 label`,
      );
    });

    it('throws naming createNamespacedJob when the connection breaks', async () => {
      const backend = await backendReplaying('network-error');

      const error: unknown = await backend.submit(jobSpec(1)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(KubernetesApiException);
      expect((error as KubernetesApiException).call).toBe('createNamespacedJob');
      expect((error as Error).message).toMatch(
        /^Kubernetes createNamespacedJob failed: the API server could not be reached/,
      );
    });
  });

  describe('poll', () => {
    it('lists the batch with one call: ready pod is running, pending is submitted, a gone Job is absent', async () => {
      const backend = await backendReplaying('poll-running');

      const statuses = await backend.poll([ref(10), ref(11), ref(12)]);

      expect([...statuses.entries()]).toEqual([
        [ref(10), { state: 'running' }],
        [ref(11), { state: 'submitted' }],
      ]);
    });

    it('judges finished Jobs from their pods and log tails', async () => {
      const backend = await backendReplaying('poll-final');

      const statuses = await backend.poll([20, 21, 22, 23, 24, 25].map((n) => ref(n)));

      expect(statuses.get(ref(20))).toEqual({
        state: 'completed',
        exitCode: 0,
        startedAt: new Date('2025-03-01T11:58:10Z'),
        finishedAt: new Date('2025-03-01T12:08:10Z'),
        wallSeconds: 600,
        events: 1000,
        metrics: { events_per_second: 812.5 },
      });
      expect(statuses.get(ref(21))).toMatchObject({
        state: 'failed',
        exitCode: 2,
        wallSeconds: 78,
        errorClass: 'workload',
        errorMessage: 'the benchmark was misconfigured',
      });
      expect(statuses.get(ref(22))).toMatchObject({
        state: 'failed',
        exitCode: 1,
        events: 200,
        errorClass: 'site',
        errorMessage: './benchmark: write error: No space left on device',
      });
      expect(statuses.get(ref(23))).toMatchObject({
        state: 'failed',
        exitCode: 124,
        events: 400,
        errorClass: 'unknown',
        errorMessage: 'the job exceeded its time limit of 600 s',
      });
      expect(statuses.get(ref(24))).toMatchObject({
        state: 'failed',
        exitCode: 137,
        errorClass: 'workload',
        errorMessage: 'the job exceeded its memory limit of 2048 MiB (OOMKilled)',
      });
      expect(statuses.get(ref(25))).toEqual({
        state: 'failed',
        finishedAt: new Date('2025-03-01T12:08:02Z'),
        errorClass: 'site',
        errorMessage:
          'the image ghcr.io/anvil/cpu-benchmark:9.9 could not be pulled (ImagePullBackOff: Back-off pulling image "ghcr.io/anvil/cpu-benchmark:9.9")',
      });
    });

    it('reads only the last logTailBytes of a log', async () => {
      const backend = await backendReplaying('poll-final', { logTailBytes: 36 });

      const statuses = await backend.poll([20, 21, 22, 23, 24, 25].map((n) => ref(n)));

      // The last 36 bytes, "nts processed: 1000\nevents/s: 812.5\n", have lost the start of the events line.
      expect(statuses.get(ref(20))).toMatchObject({ state: 'completed', metrics: { events_per_second: 812.5 } });
      expect(statuses.get(ref(20))).not.toHaveProperty('events');
    });

    it('throws naming listNamespacedJob when the API server answers 500', async () => {
      const backend = await backendReplaying('server-error');

      const error: unknown = await backend.poll([ref(10)]).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(KubernetesApiException);
      expect(error).toMatchObject({ call: 'listNamespacedJob', statusCode: 500 });
      expect((error as Error).message).toBe(
        'Kubernetes listNamespacedJob failed: HTTP 500 Internal error occurred: etcdserver: request timed out',
      );
    });

    it('makes no call for ids it did not make', async () => {
      const backend = await backendReplaying(null);

      await expect(backend.poll(['not-a-job', `${NS}/other-job`])).resolves.toEqual(new Map());
    });
  });

  describe('cancel', () => {
    it('deletes a running Job with background propagation and leaves finished and gone Jobs alone', async () => {
      const backend = await backendReplaying('cancel');

      await backend.cancel(ref(30));
      await backend.cancel(ref(31));
      await backend.cancel(ref(32));

      expect(replay.pending).toEqual([]);
    });
  });

  describe('jobsOfTest', () => {
    it('lists the test Jobs by label in every namespace the backend used, with their submission time', async () => {
      const backend = await backendReplaying('jobs-of-test');
      await backend.submit(gpuJobSpec(2));

      const records = await backend.jobsOfTest(TEST_ID);

      expect(records).toEqual([
        { jobId: jobId(40), queueId: QUEUE_ID, backendJobId: ref(40), submittedAt: SUBMITTED_AT },
        { jobId: jobId(2), queueId: GPU_QUEUE_ID, backendJobId: ref(2, 'anvil-gpu'), submittedAt: SUBMITTED_AT },
      ]);
    });
  });

  describe('contract replay', () => {
    it('fails when the backend sends something else than the recording (here: another namespace)', async () => {
      const backend = await backendReplaying('poll-running', { namespace: 'anvil-other' });
      verifyAfter = false;

      await expect(backend.poll([ref(10, 'anvil-other')])).rejects.toThrow(/HTTP 599/);
      expect(() => replay.verify()).toThrow(
        /path should be \/apis\/batch\/v1\/namespaces\/anvil-tests\/jobs, got \/apis\/batch\/v1\/namespaces\/anvil-other\/jobs/,
      );
    });
  });
});
