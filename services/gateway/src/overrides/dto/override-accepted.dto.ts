import type { OverrideModeName } from '../override-modes.constant';

/** Answer of `PUT /queues/:id/override`: the command is on the bus; the decider applies it shortly. */
export class OverrideAcceptedDto {
  /** Id of the `anvil.queue.override-requested` command (uuid). */
  requestId!: string;
  queueId!: string;
  mode!: OverrideModeName;
  reason!: string | null;
  expiresAt!: Date | null;
}
