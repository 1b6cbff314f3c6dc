import type { QueueSelector } from '@anvil/db';

/** An active robot template without a live test: the robot creates its next test. */
export interface RobotCandidate {
  templateId: string;
  version: number;
  lifetimeSeconds: number;
  queueSelector: QueueSelector;
  /** The template's latest finished robot test, which the new one succeeds. */
  predecessorId: string | null;
}
