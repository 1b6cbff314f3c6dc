import { timestampMs } from '@bufbuild/protobuf/wkt';
import { overrideModeName, type QueueOverrideRequested } from '@anvil/contracts';
import type { EngineDecision, PolicyEngine } from '@anvil/policy';

export interface AppliedOverride {
  readonly mode: 'exclude' | 'online' | 'clear';
  /** Only for exclude / online. */
  readonly expiresAt?: number;
  /** The policy's decisions caused by the change (a clear asks the policy at once). */
  readonly decisions: EngineDecision[];
}

/** Gives an override command to the engine at `now`: the one place doing it, live and in a replay. */
export function applyOverride(engine: PolicyEngine, command: QueueOverrideRequested, now: number): AppliedOverride {
  const mode = overrideModeName(command.mode);
  if (mode === null) {
    throw new Error(`override ${command.requestId} has no mode`);
  }
  const expiresAt = mode === 'clear' || command.expiresAt === undefined ? undefined : timestampMs(command.expiresAt);
  return { mode, expiresAt, decisions: engine.setOverride(command.queueId, mode, now, expiresAt) };
}
