import type { SimOutcome } from './sim-outcome';

/** A simulated job as the shared grid stores it (JSON in Redis). Its outcome is fixed at submission. */
export interface SimJobRecord {
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /** `JobSpec.submittedAt` (epoch ms): returned by `jobsOfTest`, so an adopting submitter reports the same time. */
  readonly anvilSubmittedMs: number;
  /** When the grid accepted the job (epoch ms, the backend's clock); its wait starts here. */
  readonly submittedMs: number;
  readonly outcome: SimOutcome;
  /** The scenario queue the job's queue played, and the scenario hour at its start (diagnostics). */
  readonly scenarioQueue?: string;
  readonly scenarioHour?: number;
}
