/** A `local` queue's `backend_config`. */
export interface LocalQueueConfig {
  /** How many of the queue's jobs run at once on this host; the others wait (`submitted`). Default 1. */
  readonly slots: number;
}

/** Most slots a local queue may have. */
export const LOCAL_MAX_SLOTS = 1024;
