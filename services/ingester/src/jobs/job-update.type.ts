import type { JobStateName } from '@anvil/contracts';
import type { ErrorClassName } from '@anvil/db';

/** What a batch of events says about one job, merged (ids lower-case, bigints exact). */
export interface JobUpdate {
  readonly id: string;
  readonly submittedAt: Date;
  readonly testId: string;
  readonly queueId: string;
  readonly backend: string;
  readonly backendJobId: string;
  readonly submitterId: string;
  readonly state: JobStateName;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly exitCode: number | null;
  readonly errorClass: ErrorClassName | null;
  readonly errorMessage: string | null;
  readonly wallSeconds: number | null;
  readonly cpuSeconds: number | null;
  readonly maxRssKb: bigint | null;
  readonly stageInSeconds: number | null;
  readonly events: bigint | null;
  readonly metrics: Readonly<Record<string, number>>;
}
