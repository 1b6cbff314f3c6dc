// Shapes of the gateway's test and job answers (services/gateway/src/tests/dto, src/jobs/dto;
// docs/api.md "GET /api/v1/tests", "GET /api/v1/jobs"). Dates arrive as ISO strings.

export const TEST_STATES = ['scheduled', 'running', 'completed', 'cancelled', 'error'] as const;
export type TestState = (typeof TEST_STATES)[number];

export const TEST_KINDS = ['functional', 'stress', 'benchmark'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

export const JOB_STATES = ['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobCounters {
  submitted: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  lost: number;
  total: number;
  /** failed / (completed + failed) × 100, one decimal; null while none completed or failed. */
  failPercent: number | null;
}

export interface TestTemplateRef {
  id: string;
  name: string;
  version: number;
}

export interface TestSummary {
  id: string;
  state: TestState;
  kind: TestKind;
  robot: boolean;
  template: TestTemplateRef;
  submitterId: string | null;
  startAt: string;
  endAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  queueCount: number;
  firstQueueIds: string[];
  totals: JobCounters;
  countersFrom: 'live' | 'rollups';
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A job's error, as the per-queue table may carry it (when the API gives the latest one). */
export interface JobErrorRef {
  jobId?: string;
  at?: string | null;
  exitCode?: number | null;
  errorClass?: string | null;
  errorMessage?: string | null;
}

export interface TestQueueCounters extends JobCounters {
  queueId: string;
  siteId: string | null;
  /** Optional: completed / (completed + failed), 0..1, if the API computes it (else the page does). */
  efficiency?: number | null;
  /** Optional: the queue's latest failed job in this test, if the API gives it. */
  latestError?: JobErrorRef | null;
}

export interface TestDetail extends TestSummary {
  queues: TestQueueCounters[];
}

export interface TestCancelAccepted {
  id: string;
  state: TestState;
}

export interface Job {
  id: string;
  testId: string;
  queueId: string;
  backend: string;
  backendJobId: string | null;
  submitterId: string | null;
  state: JobState;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  exitCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  maxRssKb: number | null;
  stageInSeconds: number | null;
  events: number | null;
  metrics: Record<string, number>;
}

export interface JobPage {
  items: Job[];
  nextCursor: string | null;
  limit: number;
}
