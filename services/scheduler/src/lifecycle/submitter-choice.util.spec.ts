import { pickSubmitter } from './submitter-choice.util';

describe('pickSubmitter', () => {
  it('picks the submitter with the fewest running tests', () => {
    expect(
      pickSubmitter(
        ['a', 'b', 'c'],
        new Map([
          ['a', 3],
          ['b', 1],
          ['c', 2],
        ]),
      ),
    ).toBe('b');
  });

  it('counts a submitter without running tests as zero', () => {
    expect(pickSubmitter(['a', 'b'], new Map([['a', 1]]))).toBe('b');
  });

  it('breaks ties by the smallest id when loads are equal', () => {
    expect(pickSubmitter(['c', 'a', 'b'], new Map())).toBe('a');
  });

  it('returns null when no submitter is alive', () => {
    expect(pickSubmitter([], new Map([['a', 0]]))).toBeNull();
  });
});
