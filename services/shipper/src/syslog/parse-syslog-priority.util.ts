const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const ZERO = 0x30;
const NINE = 0x39;
/** facility 23 (local7) × 8 + severity 7 (debug). */
const MAX_PRIORITY = 191;

/**
 * The `<PRI>` at the start of `line`: its value and the index after `>`; `undefined` when the line does not start
 * with `<`; a reason when it starts with one that is not a valid PRI.
 */
export function parseSyslogPriority(line: string): { priority: number; next: number } | string | undefined {
  if (line.charCodeAt(0) !== LESS_THAN) {
    return undefined;
  }
  let priority = 0;
  let index = 1;
  for (; index < line.length && index < 4; index += 1) {
    const code = line.charCodeAt(index);
    if (code === GREATER_THAN) {
      break;
    }
    if (code < ZERO || code > NINE) {
      return 'PRI is not <number>';
    }
    priority = priority * 10 + (code - ZERO);
  }
  if (index === 1 || line.charCodeAt(index) !== GREATER_THAN) {
    return 'PRI is not <number>';
  }
  if (priority > MAX_PRIORITY) {
    return `PRI ${priority} is over ${MAX_PRIORITY}`;
  }
  return { priority, next: index + 1 };
}
