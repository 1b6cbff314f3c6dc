import { parse as parseYaml } from 'yaml';
import type { Policy } from './policy.types';
import { parsePolicy } from './parse-policy.util';
import { PolicyValidationError } from './policy-validation.exception';

/** Parses a JSON or YAML policy document and validates it; a syntax error is reported at path `policy`. */
export function parsePolicyText(text: string, format: 'json' | 'yaml'): Policy {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PolicyValidationError([{ path: 'policy', message: `is not valid ${format.toUpperCase()}: ${detail}` }]);
  }
  return parsePolicy(value);
}
