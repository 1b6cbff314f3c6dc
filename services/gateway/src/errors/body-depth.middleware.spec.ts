import { holdsLoneSurrogate, nestsDeeperThan } from './body-depth.middleware';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) {
    value = i % 2 === 0 ? { a: value } : [value];
  }
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
  });

  it('looks at every branch', () => {
    expect(nestsDeeperThan({ shallow: 1, deep: nested(5) }, 5)).toBe(true);
    expect(nestsDeeperThan({ shallow: 1, deep: nested(4) }, 5)).toBe(false);
  });

  it('survives a body far deeper than the stack', () => {
    expect(nestsDeeperThan(nested(200_000), 32)).toBe(true);
  });
});

describe('holdsLoneSurrogate', () => {
  it('finds a lone surrogate in a value or a key, at any depth', () => {
    expect(holdsLoneSurrogate({ reason: JSON.parse('"\\ud800"') as string })).toBe(true);
    expect(holdsLoneSurrogate({ a: [{ b: JSON.parse('"x\\udc00"') as string }] })).toBe(true);
    expect(holdsLoneSurrogate(JSON.parse('{"\\ud83d": 1}'))).toBe(true);
  });

  it('accepts paired surrogates (emoji) and plain text', () => {
    expect(holdsLoneSurrogate({ reason: 'disk full 💾', n: 3, ok: null })).toBe(false);
  });
});
