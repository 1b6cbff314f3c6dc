import { decodeHistoryCells } from './history-cells.util';

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

describe('decodeHistoryCells', () => {
  it('gives zeros on every day when the queue has no rows', () => {
    const columns = decodeHistoryCells(null, 3);
    expect(columns.total).toEqual(zeros(3));
    expect(Object.keys(columns)).toEqual(['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost', 'total']);
  });

  it('puts each row on its day and adds up two rows of the same day', () => {
    // Day 2 twice (golden and not), day 0 once.
    const columns = decodeHistoryCells('2,1,0,3,1,0,0,5,0,0,0,4,0,0,0,4,2,0,2,1,1,0,1,5', 3);
    expect(columns).toEqual({
      submitted: [0, 0, 1],
      running: [0, 0, 2],
      completed: [4, 0, 4],
      failed: [0, 0, 2],
      cancelled: [0, 0, 0],
      lost: [0, 0, 1],
      total: [4, 0, 10],
    });
  });

  it('reads numbers of several digits, and a sign', () => {
    expect(decodeHistoryCells('0,0,0,1234,56,0,-1,1289', 1)).toMatchObject({
      completed: [1234],
      failed: [56],
      lost: [-1],
    });
  });

  it('refuses a list that is not whole rows, a day outside the window, and anything but digits', () => {
    expect(() => decodeHistoryCells('0,1,2', 3)).toThrow('whole row');
    expect(() => decodeHistoryCells('3,0,0,0,0,0,0,0', 3)).toThrow('outside the window');
    expect(() => decodeHistoryCells('-1,0,0,0,0,0,0,0', 3)).toThrow('outside the window');
    expect(() => decodeHistoryCells('0,1-,0,0,0,0,0,0', 3)).toThrow('unexpected character');
    expect(() => decodeHistoryCells('0,,0,0,0,0,0,0', 3)).toThrow('unexpected character');
  });
});
