import type { BackendName, QueueStatus } from '@anvil/db';

export interface QueueFilter {
  site?: string;
  status?: QueueStatus;
  backend?: BackendName;
}
