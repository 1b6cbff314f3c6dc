import { pgArrayLiteral } from './pg-array-literal.util';

describe('pgArrayLiteral', () => {
  const same = <T>(value: T): T => value;

  it('quotes text so commas, braces, spaces and quotes stay data', () => {
    expect(pgArrayLiteral(['a,b', '{x}', ' y ', 'say "hi"', 'back\\slash'], same)).toBe(
      '{"a,b","{x}"," y ","say \\"hi\\"","back\\\\slash"}',
    );
  });

  it('writes null and undefined as NULL, and the string "NULL" quoted', () => {
    expect(pgArrayLiteral([null, undefined, 'NULL'], same)).toBe('{NULL,NULL,"NULL"}');
  });

  it('writes numbers, bigints and dates exactly', () => {
    expect(pgArrayLiteral([1.5, -2, 1e-7, Number.NaN], same)).toBe('{1.5,-2,1e-7,NaN}');
    expect(pgArrayLiteral([9007199254740993n], same)).toBe('{9007199254740993}');
    expect(pgArrayLiteral([new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4))], same)).toBe('{"2026-11-23T01:02:03.004Z"}');
  });

  it('reads each element through pick, and an empty list is {}', () => {
    expect(pgArrayLiteral([{ id: 'x' }, { id: 'y' }], (row) => row.id)).toBe('{"x","y"}');
    expect(pgArrayLiteral([], same)).toBe('{}');
  });
});
