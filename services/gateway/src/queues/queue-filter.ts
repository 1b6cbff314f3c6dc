import type { BackendName, QueueStatus } from '@anvil/db';

export interface QueueFilter {
  site?: string;
  status?: QueueStatus;
  backend?: BackendName;
  /** The queue carries every one of these labels (`key=value` filters of the query string). */
  label?: string[];
}
