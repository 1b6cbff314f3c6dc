import type { BackendName } from '@anvil/db';

/** The writable columns of a queue, as the API names them (the status columns are the decider's). */
export interface QueueChanges {
  name?: string;
  siteId?: string;
  backend?: BackendName;
  backendConfig?: Record<string, unknown>;
  labels?: Record<string, string>;
  protected?: boolean;
  autoExclusion?: boolean;
}

/** A new queue: every writable column. */
export type NewQueue = Required<QueueChanges> & { id: string };

/** What a change must be checked against: the queue's backend and configuration before it. */
export interface QueueBackendState {
  backend: BackendName;
  backendConfig: Record<string, unknown>;
}
