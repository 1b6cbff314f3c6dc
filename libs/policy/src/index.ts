export * from './engine.types';
export type {
  GlobalSnapshot,
  QueueSnapshot,
  OutageSnapshot,
  EpisodeSnapshot,
  OutcomeRecord,
} from './engine/engine-snapshot.types';
export type { QueueStateView, OpenOutageView } from './engine/queue-state-view.types';
export { PolicyEngine } from './engine/policy-engine';
export type * from './policy/policy.types';
export { RULE_KINDS } from './policy/policy.types';
export { PolicyValidationError, type PolicyProblem } from './policy/policy-validation.exception';
export { parsePolicy } from './policy/parse-policy.util';
export { parsePolicyText } from './policy/parse-policy-text.util';
export { parseDuration } from './policy/parse-duration.util';
export { POLICY_PRESET_NAMES, type PolicyPresetName } from './presets/policy-preset-names.constant';
export { presetPolicy } from './presets/preset-policy.util';
export { loadPolicySource } from './load-policy-source.util';
export { replay } from './replay/replay.util';
export { ReplaySession, DEFAULT_TICK_INTERVAL_MS } from './replay/replay-session';
export { parseTraceLine } from './replay/parse-trace-line.util';
export { TraceLineError } from './replay/trace-line.exception';
export { toReplayLine } from './replay/to-replay-line.util';
