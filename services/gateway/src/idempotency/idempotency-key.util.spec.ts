import { ApiException } from '../errors/api.exception';
import { idempotencyKeyOf } from './idempotency-key.util';

function problem(...values: string[]): string | undefined {
  try {
    idempotencyKeyOf(values);
    return undefined;
  } catch (error) {
    return error instanceof ApiException ? `${error.details[0].field}: ${error.details[0].problem}` : String(error);
  }
}

describe('idempotencyKeyOf', () => {
  it('is undefined without the header and the key itself when it is fine', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf(['9f1c2d3e-0000-4000-8000-000000000001'])).toBe('9f1c2d3e-0000-4000-8000-000000000001');
    expect(idempotencyKeyOf(['x'.repeat(255)])).toHaveLength(255);
    expect(idempotencyKeyOf(['a, b'])).toBe('a, b');
  });

  it('refuses an empty, too long, non-ASCII or control-character key, or two keys, naming the header', () => {
    const expected = 'Idempotency-Key: must be 1-255 printable ASCII characters, given once';
    expect(problem('')).toBe(expected);
    expect(problem('x'.repeat(256))).toBe(expected);
    expect(problem('clé')).toBe(expected);
    expect(problem('a\tb')).toBe(expected);
    expect(problem('a', 'b')).toBe(expected);
    expect(problem()).toBe(expected);
  });
});
