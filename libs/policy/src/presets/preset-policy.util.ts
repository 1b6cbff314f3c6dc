import { parsePolicy } from '../policy/parse-policy.util';
import type { Policy } from '../policy/policy.types';
import { ANVIL_DEFAULT_PRESET } from './anvil-default.preset';
import { HAMMERCLOUD_CLASSIC_PRESET } from './hammercloud-classic.preset';
import { POLICY_PRESET_NAMES, type PolicyPresetName } from './policy-preset-names.constant';

const DOCUMENTS: Readonly<Record<PolicyPresetName, unknown>> = {
  'hammercloud-classic': HAMMERCLOUD_CLASSIC_PRESET,
  'anvil-default': ANVIL_DEFAULT_PRESET,
};

export function isPresetName(name: string): name is PolicyPresetName {
  return (POLICY_PRESET_NAMES as readonly string[]).includes(name);
}

/** A built-in policy by name; throws naming the unknown preset and listing the known ones. */
export function presetPolicy(name: string): Policy {
  if (!isPresetName(name)) {
    throw new Error(`unknown policy preset "${name}" (known: ${POLICY_PRESET_NAMES.join(', ')})`);
  }
  return parsePolicy(DOCUMENTS[name]);
}
