import { ConfigException } from './config.exception';

type Env = Record<string, string | undefined>;

/**
 * Typed access to environment settings. The only place, with the `*.env.ts` files that use it,
 * that reads `process.env`. Every reader throws a `ConfigException` naming the setting.
 */
export class EnvReader {
  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value === undefined || value === '') {
      if (fallback === undefined) {
        throw new ConfigException(name, 'is required');
      }
      return fallback;
    }
    return value;
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    if (!/^-?\d+$/.test(raw.trim())) {
      throw new ConfigException(name, `must be an integer, got ${JSON.stringify(raw)}`);
    }
    const value = Number(raw);
    if (range.min !== undefined && value < range.min) {
      throw new ConfigException(name, `must be at least ${range.min}, got ${value}`);
    }
    if (range.max !== undefined && value > range.max) {
      throw new ConfigException(name, `must be at most ${range.max}, got ${value}`);
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') {
      return fallback;
    }
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) {
      return true;
    }
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) {
      return false;
    }
    throw new ConfigException(name, `must be true or false, got ${JSON.stringify(raw)}`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigException(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
    }
    return raw as T;
  }

  url(name: string, fallback: string, protocols: readonly string[]): string {
    const raw = this.string(name, fallback);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigException(name, `must be a URL, got ${JSON.stringify(raw)}`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigException(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
    }
    return raw;
  }

  /** A name usable in subjects, stream names and schema names: lower-case letters, digits, `_`. Empty allowed. */
  identifier(name: string, fallback: string): string {
    const raw = this.env[name] ?? fallback;
    if (raw !== '' && !/^[a-z][a-z0-9_]{0,39}$/.test(raw)) {
      throw new ConfigException(name, `must match [a-z][a-z0-9_]{0,39}, got ${JSON.stringify(raw)}`);
    }
    return raw;
  }
}
