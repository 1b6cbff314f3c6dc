import type { ErrorClassName } from '@anvil/db';

/** A queue's latest failed job of a test, as read from `jobs`. */
export interface QueueError {
  queueId: string;
  jobId: string;
  at: Date;
  exitCode: number | null;
  errorClass: ErrorClassName | null;
  errorMessage: string | null;
}
