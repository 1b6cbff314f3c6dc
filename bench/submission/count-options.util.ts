/**
 * Parses `--name N` options of a bench: every name of `defaults` may be given once as a non-negative integer;
 * anything else throws naming the option.
 */
export function parseCountOptions<T extends Record<string, number>>(args: readonly string[], defaults: T): T {
  const options: Record<string, number> = { ...defaults };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    const value = args[i + 1];
    if (!args[i].startsWith('--') || !(name in defaults)) {
      throw new Error(
        `unknown option ${args[i]} (known: ${Object.keys(defaults)
          .map((n) => `--${n}`)
          .join(', ')})`,
      );
    }
    if (value === undefined || !/^\d+$/.test(value)) {
      throw new Error(`${args[i]} needs a non-negative integer, got ${JSON.stringify(value)}`);
    }
    options[name] = Number(value);
  }
  return options as T;
}
