import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { buildPandaJob } from './build-panda-job.util';
import { PandaApiException } from './panda-api.exception';
import { PandaHttpClient } from './panda-http-client';
import { recordText, type PandaJobRecord } from './panda-job-record';
import { pandaJobStatus } from './panda-job-status.util';
import { validatePandaQueueConfig } from './validate-panda-queue-config.util';

export interface PandaBackendOptions {
  /** The PanDA server without the API path, e.g. `https://pandaserver.cern.ch:25443`. */
  readonly baseUrl: string;
  /** OIDC ID token, or a function returning a current one (called before every request, so it may refresh). */
  readonly token: string | (() => Promise<string>);
  /** Virtual organisation: sent as the `Origin` header (as PanDA's clients do) and set as the jobs' `VO`. */
  readonly vo?: string;
  /** Per request; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const CALL_SUBMIT = 'job/submit';
const CALL_DESCRIBE = 'job/get_description';
const CALL_KILL = 'job/kill';

/** The server accepts up to 5500 ids per `get_description`; 200 keeps the query string under common URL limits. */
const MAX_POLL_BATCH = 200;

function isRecord(value: unknown): value is PandaJobRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Submits Anvil jobs to a PanDA server through its HTTP API v1 (`pandaserver/api/v1/job_api.py`): one job per
 * `job/submit`, bulk status through `job/get_description`, cancel through `job/kill`. A queue's
 * `backend_config` is a `PandaQueueConfig`. See docs/backends/panda.md.
 */
export class PandaBackend implements Backend {
  readonly name = 'panda' as const;
  readonly capabilities: BackendCapabilities = {
    cancel: true,
    bulkPoll: true,
    metrics: true,
    maxPollBatch: MAX_POLL_BATCH,
  };

  private readonly client: PandaHttpClient;

  constructor(private readonly options: PandaBackendOptions) {
    this.client = new PandaHttpClient({
      baseUrl: options.baseUrl,
      token: options.token,
      vo: options.vo,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      fetch: options.fetch ?? fetch,
    });
  }

  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const config = validatePandaQueueConfig(spec.backendConfig, `queue ${spec.queueId} backendConfig`);
    const job = buildPandaJob(spec, config, this.options.vo);
    // The server reads `jobs` as a JSON string (JobUtils.load_jobs_json), not as a JSON array.
    const data = await this.client.post(CALL_SUBMIT, { jobs: JSON.stringify([job]) });
    // storeJobs answers one [PandaID, jobDefinitionID, jobsetID map or jobName] per job; PandaID null: not stored.
    const first: unknown = Array.isArray(data) && Array.isArray(data[0]) ? (data[0] as unknown[])[0] : undefined;
    if (typeof first !== 'number' && (typeof first !== 'string' || !/^\d+$/.test(first))) {
      throw new PandaApiException(CALL_SUBMIT, `the server did not store the job: ${JSON.stringify(data)}`);
    }
    return { backendJobId: String(first) };
  }

  async poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const statuses = new Map<string, BackendJobStatus>();
    if (backendJobIds.length === 0) {
      return statuses;
    }
    const data = await this.client.get(CALL_DESCRIBE, { job_ids: backendJobIds });
    if (!Array.isArray(data)) {
      throw new PandaApiException(CALL_DESCRIBE, `expected a list of jobs, got ${JSON.stringify(data)}`);
    }
    // One entry per requested id, null for a job the server does not know (any more).
    for (const record of data.filter(isRecord)) {
      const id = recordText(record, 'PandaID');
      if (id === undefined || !backendJobIds.includes(id)) {
        continue;
      }
      if (recordText(record, 'jobStatus') === 'unknown') {
        // DBProxy.peekJob answers "unknown" when its database reads failed: try again next tick.
        throw new PandaApiException(CALL_DESCRIBE, `the server could not read job ${id} (status unknown)`);
      }
      statuses.set(id, pandaJobStatus(record));
    }
    return statuses;
  }

  async cancel(backendJobId: string): Promise<void> {
    // The answer lists one boolean per job; false (a final or unknown job) is not an error.
    await this.client.post(CALL_KILL, { job_ids: [Number(backendJobId)] });
  }

  /**
   * PanDA's API cannot search jobs by name, jobset or anything a test controls (`job/get_description`
   * takes PanDA ids; `task/get_job_ids` only covers JEDI tasks), so this returns nothing: a job whose
   * submission was never announced is not adopted. Its name (`anvil.<test>.<queue>.<job>`) still finds it
   * in the PanDA monitor.
   */
  jobsOfTest(_testId: string): Promise<BackendJobRecord[]> {
    return Promise.resolve([]);
  }
}
