import type { JobStateName } from '@anvil/contracts';

/** Why a job failed; only `site` (and, by policy, `unknown`) failures count against a queue. */
export type ErrorClassName = 'site' | 'central' | 'workload' | 'unknown';

export const ERROR_CLASS_NAMES: readonly ErrorClassName[] = ['site', 'central', 'workload', 'unknown'];

/** What a backend knows about one job at poll time. Fields beyond `state` are filled when known. */
export interface BackendJobStatus {
  readonly state: JobStateName;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly exitCode?: number;
  readonly errorClass?: ErrorClassName;
  readonly errorMessage?: string;
  readonly wallSeconds?: number;
  readonly cpuSeconds?: number;
  readonly maxRssKb?: number;
  readonly events?: number;
  /** Extra per-job figures (e.g. `events_per_second`), compared across queues by benchmarks. */
  readonly metrics?: Readonly<Record<string, number>>;
}
