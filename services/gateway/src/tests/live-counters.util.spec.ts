import { tableFromText, totalsFromFields, TOTAL_FIELDS } from './live-counters.util';

const ZERO = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };

describe('totalsFromFields', () => {
  it('asks for the * fields of every state and the total, total last', () => {
    expect(TOTAL_FIELDS).toEqual([
      '*:submitted',
      '*:running',
      '*:completed',
      '*:failed',
      '*:cancelled',
      '*:lost',
      '*:total',
    ]);
  });

  it('reads the counts in field order', () => {
    expect(totalsFromFields(['1', '2', '3', '4', '5', '6', '21'])).toEqual({
      submitted: 1,
      running: 2,
      completed: 3,
      failed: 4,
      cancelled: 5,
      lost: 6,
      total: 21,
    });
  });

  it('counts a missing state as zero when the total is there', () => {
    expect(totalsFromFields([null, '2', null, null, null, null, '2'])).toEqual({ ...ZERO, running: 2, total: 2 });
  });

  it('is unknown when the total is missing: no hash, or one written without the * fields', () => {
    expect(totalsFromFields([null, null, null, null, null, null, null])).toBeUndefined();
    expect(totalsFromFields(['1', '0', '0', '0', '0', '0', null])).toBeUndefined();
  });

  it('is unknown when a value is not an integer', () => {
    expect(totalsFromFields(['x', '0', '0', '0', '0', '0', '1'])).toBeUndefined();
  });
});

/** The table of a hash of these fields and values, as the hash script returns it. */
function tableFromHash(pairs: string[]): ReturnType<typeof tableFromText> {
  return tableFromText(pairs.join('\n'), pairs.length);
}

describe('tableFromText', () => {
  it('splits the fields into totals and per-queue counts and ignores rev', () => {
    const table = tableFromHash([
      ...['rev', '7', 'Q1:running', '2', 'Q1:total', '2'],
      ...['Q-2_b:completed', '3', 'Q-2_b:failed', '1', 'Q-2_b:total', '4'],
      ...['*:running', '2', '*:completed', '3', '*:failed', '1', '*:total', '6'],
    ]);
    expect(table?.totals).toEqual({ ...ZERO, running: 2, completed: 3, failed: 1, total: 6 });
    expect([...(table?.queues ?? [])]).toEqual([
      ['Q1', { ...ZERO, running: 2, total: 2 }],
      ['Q-2_b', { ...ZERO, completed: 3, failed: 1, total: 4 }],
    ]);
  });

  it('is unknown for an empty hash and for one without the * total', () => {
    expect(tableFromHash([])).toBeUndefined();
    expect(tableFromHash(['rev', '3', 'Q1:running', '2', 'Q1:total', '2'])).toBeUndefined();
    // An older hash the new ingester incremented: some * fields, but no total.
    expect(tableFromHash(['Q1:running', '2', '*:running', '1'])).toBeUndefined();
  });

  it('is unknown when a counter is not an integer', () => {
    expect(tableFromHash(['Q1:total', 'many', '*:total', '1'])).toBeUndefined();
    expect(tableFromHash(['Q1:total', '1.5', '*:total', '1'])).toBeUndefined();
    expect(tableFromHash(['Q1:total', '', '*:total', '1'])).toBeUndefined();
    expect(tableFromHash(['Q1:total', '-', '*:total', '1'])).toBeUndefined();
  });

  it('reads numbers of many digits, and a sign', () => {
    expect(tableFromHash(['Q1:completed', '123456789012', 'Q1:lost', '-2', '*:total', '0'])?.queues.get('Q1')).toEqual({
      ...ZERO,
      completed: 123456789012,
      lost: -2,
    });
  });

  it('is unknown when the text does not hold as many items as the hash has', () => {
    // A field holding the separator: 4 items in the hash, 5 in the text.
    expect(tableFromText('Q\n1:total\n2\n*:total\n2', 4)).toBeUndefined();
    expect(tableFromText('Q1:total\n2\n*:total\n2', 6)).toBeUndefined();
    expect(tableFromText('Q1:total\n2\n*:total\n2', 4)?.totals.total).toBe(2);
  });

  it('ignores fields whose counter is not one it knows, even when it starts like one', () => {
    const table = tableFromHash(['Q1:totals', '5', 'Q1:cancelledx', '5', 'Q1:complete', '5', '*:total', '0']);
    expect([...(table?.queues ?? [])]).toEqual([]);
  });
});
