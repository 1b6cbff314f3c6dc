/** The built-in policies, usable wherever a policy file is (`--policy anvil-default`). */
export const POLICY_PRESET_NAMES = ['hammercloud-classic', 'anvil-default'] as const;
export type PolicyPresetName = (typeof POLICY_PRESET_NAMES)[number];
