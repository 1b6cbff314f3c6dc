import { canonicalJson } from './canonical-json.util';

describe('canonicalJson', () => {
  it('gives the same text for objects whose keys come in another order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('keeps array order and tells values apart', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('leaves out undefined properties as JSON does, and writes scalars as JSON', () => {
    expect(canonicalJson({ a: undefined, b: 'é"' })).toBe('{"b":"é\\""}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('writes a body nested deeper than the call stack allows', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    expect(canonicalJson(deep)).toBe(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(canonicalJson({ a: [{ b: [] }] })).toBe('{"a":[{"b":[]}]}');
  });
});
