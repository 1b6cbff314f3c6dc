import { isSubjectToken } from '@anvil/contracts';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Replaces `{name}` placeholders of a handler's pattern or durable name with `params`
 * (`anvil.test.assigned.{submitterId}` → `anvil.test.assigned.sub1`). An unknown placeholder, or a value that is
 * not a subject token, is an error naming it.
 */
export function resolvePlaceholders(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) {
      const known = Object.keys(params);
      throw new Error(
        `unknown placeholder {${name}} in "${template}" (known: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
    if (!isSubjectToken(value)) {
      throw new Error(`placeholder {${name}} in "${template}": ${JSON.stringify(value)} is not a subject token`);
    }
    return value;
  });
}
