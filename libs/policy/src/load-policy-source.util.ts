import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parsePolicyText } from './policy/parse-policy-text.util';
import type { Policy } from './policy/policy.types';
import { isPresetName, presetPolicy } from './presets/preset-policy.util';
import { POLICY_PRESET_NAMES } from './presets/policy-preset-names.constant';

/**
 * A policy from a preset name or a `.json` / `.yaml` / `.yml` file (the only function of the library
 * with I/O). Throws a `PolicyValidationError` for an invalid document, an Error for anything else.
 */
export function loadPolicySource(nameOrPath: string): Policy {
  if (isPresetName(nameOrPath)) {
    return presetPolicy(nameOrPath);
  }
  const ext = extname(nameOrPath).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw new Error(
      `policy "${nameOrPath}" is neither a preset (${POLICY_PRESET_NAMES.join(', ')}) nor a .json/.yaml/.yml file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read policy file ${nameOrPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsePolicyText(text, ext === '.json' ? 'json' : 'yaml');
}
