import { ContractReplayServer } from '../contract-replay/contract-replay-server';
import { loadContractFixture } from '../contract-replay/load-contract-fixture.util';
import type { JobSpec } from '../job-spec';
import type { WorkloadSpec } from '../workload/workload-spec';
import { judgingWorkloadOfPandaJob, pandaJobParameters } from './build-panda-job.util';
import { PandaApiException } from './panda-api.exception';
import { PandaBackend, type PandaBackendOptions } from './panda-backend';
import { QueueConfigException } from '../queue-config.exception';

const TOKEN = 'anvil-test-token';
const TEST_ID = '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const QUEUE_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const JOB_ID = '7f0c2a5e-3b1d-4c8e-9a6f-2d4b8e1c0a93';

const WORKLOAD: WorkloadSpec = {
  script: 'echo "events processed: 1000"\n',
  image: 'docker://ghcr.io/anvil/cpu-benchmark:1.0',
  env: { ANVIL_EVENTS: '1000', GREETING: "it's ${queue.name}" },
  resources: { cores: 2, memoryMb: 2000, timeLimitSeconds: 3600 },
  success: { exitCodes: [0] },
  errorRules: [
    { errorClass: 'workload', exitCodes: [2], message: 'the benchmark was misconfigured' },
    { errorClass: 'site', pattern: 'No space left on device' },
  ],
};

const CONFIG = {
  computingSite: 'CERN-PROD_UCORE',
  transformation: 'https://anvil.example.org/trf/anvil-run',
  prodSourceLabel: 'user',
  logDataset: 'user.anvil.hc_logs',
};

function jobSpec(overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    jobId: JOB_ID,
    testId: TEST_ID,
    queueId: QUEUE_ID,
    submittedAt: new Date('2025-03-01T11:58:01.250Z'),
    backendConfig: CONFIG,
    workload: WORKLOAD,
    variables: {
      testId: TEST_ID,
      queueId: QUEUE_ID,
      queueName: 'CERN-PROD_UCORE',
      siteId: 'CERN-PROD',
      jobId: JOB_ID,
      jobIndex: 0,
      backend: 'panda',
    },
    ...overrides,
  };
}

describe(PandaBackend.name, () => {
  let replay: ContractReplayServer;
  let verifyAfter: boolean;

  async function backendReplaying(
    fixture: string | null,
    options: Partial<PandaBackendOptions> = {},
  ): Promise<PandaBackend> {
    replay = await ContractReplayServer.start(
      fixture === null ? [] : loadContractFixture(__dirname, fixture).exchanges,
    );
    return new PandaBackend({ baseUrl: replay.url, token: TOKEN, vo: 'atlas', requestTimeoutMs: 5_000, ...options });
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
    it('sends the job as a positional JobSpec with the bearer token and VO origin, and returns the PandaID', async () => {
      const backend = await backendReplaying('submit');

      await expect(backend.submit(jobSpec())).resolves.toEqual({ backendJobId: '6491234567' });
    });

    it('throws naming job/submit when the server answers success: false', async () => {
      const backend = await backendReplaying('submit-refused');

      const error: unknown = await backend.submit(jobSpec()).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PandaApiException);
      expect((error as PandaApiException).call).toBe('job/submit');
      expect((error as Error).message).toBe('PanDA job/submit failed: the server refused: Failed to submit jobs');
    });

    it('refuses a queue without a transformation before calling the server', async () => {
      const backend = await backendReplaying(null);

      await expect(backend.submit(jobSpec({ backendConfig: { computingSite: 'CERN-PROD_UCORE' } }))).rejects.toThrow(
        new QueueConfigException(
          `queue ${QUEUE_ID} backendConfig.transformation`,
          'must be an http(s) URL the pilot can download the transformation from',
        ),
      );
    });
  });

  describe('pandaJobParameters', () => {
    it('encodes the script with its exported variables, then the judging part of the workload', async () => {
      replay = await ContractReplayServer.start([]);
      const [script, judging] = pandaJobParameters(jobSpec()).split(' ');

      const text = Buffer.from(script, 'base64').toString('utf8');

      expect(text.startsWith('#!/bin/bash\n')).toBe(true);
      expect(text).toContain(`export ANVIL_JOB_ID='${JOB_ID}'\n`);
      expect(text).toContain(`export GREETING='it'\\''s CERN-PROD_UCORE'\n`);
      expect(text.endsWith('echo "events processed: 1000"\n\n')).toBe(true);
      expect(judgingWorkloadOfPandaJob(`${script} ${judging}`)).toEqual({
        success: WORKLOAD.success,
        errorRules: WORKLOAD.errorRules,
        resources: { timeLimitSeconds: 3600, memoryMb: 2000 },
      });
    });
  });

  describe('poll', () => {
    it('maps running and queued jobs and leaves out a job the server no longer knows', async () => {
      const backend = await backendReplaying('poll-running', { token: () => Promise.resolve(TOKEN) });

      const statuses = await backend.poll(['6491234567', '6491234568', '6491234569']);

      expect([...statuses.entries()]).toEqual([
        ['6491234567', { state: 'running', startedAt: new Date('2025-03-01T12:01:10Z') }],
        ['6491234568', { state: 'submitted' }],
      ]);
    });

    it('reports metrics of finished jobs and classifies failures by PanDA component and workload rules', async () => {
      const backend = await backendReplaying('poll-final');
      const ids = ['6491234570', '6491234571', '6491234572', '6491234573', '6491234574', '6491234575'];

      const statuses = await backend.poll([...ids, '6491234576', '6491234577']);

      expect(statuses.get('6491234570')).toEqual({
        state: 'completed',
        exitCode: 0,
        startedAt: new Date('2025-03-01T12:01:10Z'),
        finishedAt: new Date('2025-03-01T12:19:40Z'),
        wallSeconds: 1110,
        cpuSeconds: 2150,
        maxRssKb: 1843200,
        events: 1000,
        metrics: { events_per_second: 1000 / 1110 },
      });
      expect(statuses.get('6491234571')).toMatchObject({
        state: 'failed',
        exitCode: 2,
        errorClass: 'workload',
        errorMessage:
          'the benchmark was misconfigured (PanDA: exe 2: bad option --events; pilot 1305: Failed to execute payload:bad option --events)',
      });
      expect(statuses.get('6491234572')).toMatchObject({
        state: 'failed',
        exitCode: 1,
        errorClass: 'site',
        errorMessage: expect.stringMatching(/^write error: No space left on device \(PanDA: exe 1/) as string,
      });
      expect(statuses.get('6491234573')).toMatchObject({
        state: 'failed',
        errorClass: 'site',
        errorMessage: 'PanDA: pilot 1137: Failed to stage-out file: gfal-copy error: Connection timed out',
        events: 1000,
      });
      expect(statuses.get('6491234574')).toEqual({
        state: 'failed',
        errorClass: 'central',
        errorMessage: 'PanDA: taskbuffer 103: aborted by the server: queue definition changed',
      });
      expect(statuses.get('6491234575')).toMatchObject({
        state: 'failed',
        errorClass: 'site',
        errorMessage: 'PanDA: jobdispatcher 100: lost heartbeat : 2025-03-01 12:31:02',
        wallSeconds: 1792,
      });
      expect(statuses.get('6491234576')).toMatchObject({
        state: 'failed',
        exitCode: 139,
        errorClass: 'unknown',
        errorMessage: expect.stringMatching(
          /^the job exited with code 139 \(PanDA: exe 139: Segmentation fault/,
        ) as string,
      });
      expect(statuses.get('6491234577')).toEqual({
        state: 'cancelled',
        errorMessage: 'PanDA cancelled: killed by anvil-robot',
      });
    });

    it('throws naming job/get_description when the server answers 503', async () => {
      const backend = await backendReplaying('server-error');

      const error: unknown = await backend.poll(['6491234567']).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PandaApiException);
      expect(error).toMatchObject({ call: 'job/get_description', status: 503 });
      expect((error as Error).message).toMatch(/^PanDA job\/get_description failed: HTTP 503 <html>/);
    });

    it('makes no call for no ids', async () => {
      const backend = await backendReplaying(null);

      await expect(backend.poll([])).resolves.toEqual(new Map());
    });
  });

  describe('cancel', () => {
    it('kills the job by its PandaID', async () => {
      const backend = await backendReplaying('kill');

      await expect(backend.cancel('6491234567')).resolves.toBeUndefined();
    });

    it('throws naming job/kill when the connection breaks', async () => {
      const backend = await backendReplaying('network-error');

      await expect(backend.cancel('6491234567')).rejects.toThrow(
        /^PanDA job\/kill failed: the server could not be reached/,
      );
    });
  });

  describe('jobsOfTest', () => {
    it('returns nothing, without a call: PanDA cannot search jobs by name', async () => {
      const backend = await backendReplaying(null);

      await expect(backend.jobsOfTest(TEST_ID)).resolves.toEqual([]);
    });
  });

  describe('contract replay', () => {
    it('fails when the backend sends something else than the recording (here: another token)', async () => {
      const backend = await backendReplaying('submit', { token: 'expired-token' });
      verifyAfter = false;

      await expect(backend.submit(jobSpec())).rejects.toThrow(/PanDA job\/submit failed: HTTP 599/);
      expect(() => replay.verify()).toThrow(/header Authorization should be "Bearer anvil-test-token"/);
    });
  });
});
