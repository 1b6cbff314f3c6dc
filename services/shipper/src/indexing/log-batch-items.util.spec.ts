import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { LogBatchSchema, type LogBatch } from '@anvil/contracts';
import { BulkItems } from './bulk-items';
import { addLogBatchItems } from './log-batch-items.util';

function batch(lines: string[], batchedAt = new Date('2026-03-15T23:59:59.500Z')): LogBatch {
  return create(LogBatchSchema, {
    batchId: 'gateway-h1-7',
    source: 'gateway',
    instance: 'h1',
    lines,
    batchedAt: timestampFromDate(batchedAt),
  });
}

/** The NDJSON body as (index, id, document text) of each `create`. */
function creates(items: BulkItems): { index: string; id: string; doc: string }[] {
  const lines = items.body([...Array(items.size).keys()]).split('\n');
  expect(lines.pop()).toBe('');
  const result: { index: string; id: string; doc: string }[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const action = JSON.parse(lines[i]) as { create: { _index: string; _id: string } };
    result.push({ index: action.create._index, id: action.create._id, doc: lines[i + 1] });
  }
  return result;
}

describe('addLogBatchItems', () => {
  it('puts pino lines in as they are, with ids <batchId>.<index> and the daily index of their own timestamp', () => {
    const items = new BulkItems('logs');
    const first = '{"log.level":"info","@timestamp":"2026-03-15T23:59:58.000Z","service.name":"gateway","message":"a"}';
    const second =
      '{"log.level":"info","@timestamp":"2026-03-16T00:00:00.100Z","service.name":"gateway","message":"b"}';
    expect(addLogBatchItems(items, 'p', batch([first, second]), undefined)).toBe(0);
    expect(creates(items)).toEqual([
      { index: 'p-logs-2026.03.15', id: 'gateway-h1-7.0', doc: first },
      { index: 'p-logs-2026.03.16', id: 'gateway-h1-7.1', doc: second },
    ]);
  });

  it("puts a line whose own day is far from its batch's into the batch's day (no index retention never reaches)", () => {
    const items = new BulkItems('logs');
    const future = '{"@timestamp":"9999-12-31T00:00:00.000Z","service.name":"gateway","message":"a"}';
    const past = '{"@timestamp":"2001-01-01T00:00:00.000Z","service.name":"gateway","message":"b"}';
    const twoDaysBefore = '{"@timestamp":"2026-03-13T23:00:00.000Z","service.name":"gateway","message":"c"}';
    addLogBatchItems(items, 'p', batch([future, past, twoDaysBefore]), undefined);
    expect(creates(items).map((item) => item.index)).toEqual([
      'p-logs-2026.03.15',
      'p-logs-2026.03.15',
      'p-logs-2026.03.13',
    ]);
  });

  it("puts a line dated a day that does not exist (2026-02-31) into the batch's day, not an index retention skips", () => {
    const items = new BulkItems('logs');
    const noSuchDay = '{"@timestamp":"2026-02-31T10:00:00.000Z","service.name":"gateway","message":"a"}';
    addLogBatchItems(items, 'p', batch([noSuchDay], new Date('2026-03-02T12:00:00Z')), undefined);
    expect(creates(items).map((item) => item.index)).toEqual(['p-logs-2026.03.02']);
  });

  it("dates a line without a UTC timestamp by the batch's time and adds the fields it lacks", () => {
    const items = new BulkItems('logs');
    addLogBatchItems(items, 'p', batch(['{"message":"no time"}']), undefined);
    const [created] = creates(items);
    expect(created?.index).toBe('p-logs-2026.03.15');
    expect(JSON.parse(created?.doc)).toEqual({
      '@timestamp': '2026-03-15T23:59:59.500Z',
      'service.name': 'gateway',
      message: 'no time',
    });
  });

  it('makes a raw-line document of a line that is not a JSON object, and counts it', () => {
    const items = new BulkItems('logs');
    expect(addLogBatchItems(items, 'p', batch(['plain text', '{"message":"ok"}']), undefined)).toBe(1);
    const [created] = creates(items);
    expect(created?.id).toBe('gateway-h1-7.0');
    expect(JSON.parse(created?.doc)).toMatchObject({
      message: 'plain text',
      'event.original': 'plain text',
      'anvil.parse_error': true,
      'service.name': 'gateway',
    });
    expect(items.isRaw(0)).toBe(true);
    expect(items.isRaw(1)).toBe(false);
  });

  it('keeps a line with an embedded line break out of the NDJSON framing', () => {
    const items = new BulkItems('logs');
    expect(addLogBatchItems(items, 'p', batch(['{"a":1}\n{"index":{}}']), undefined)).toBe(1);
    expect(items.body([0]).split('\n')).toHaveLength(3);
  });

  it('parses lines with the parser of the source, dated by the document', () => {
    const items = new BulkItems('access');
    const parser = (line: string): Record<string, unknown> => ({ '@timestamp': '2026-03-14T12:00:00Z', message: line });
    expect(addLogBatchItems(items, 'p', batch(['<134>1 ...']), parser)).toBe(0);
    const [created] = creates(items);
    expect(created?.index).toBe('p-access-2026.03.14');
    expect(JSON.parse(created?.doc)).toEqual({ '@timestamp': '2026-03-14T12:00:00Z', message: '<134>1 ...' });
  });

  it('makes a raw-line document when the parser throws', () => {
    const items = new BulkItems('access');
    const parser = (): Record<string, unknown> => {
      throw new Error('bad frame');
    };
    expect(addLogBatchItems(items, 'p', batch(['garbage']), parser)).toBe(1);
    expect(JSON.parse(creates(items)[0]?.doc)).toMatchObject({
      'anvil.parse_error': true,
      'error.message': 'line could not be parsed: bad frame',
    });
  });
});

describe(BulkItems.name, () => {
  describe('toRaw', () => {
    it("keeps index and id and dates the raw document by the line's own timestamp", () => {
      const items = new BulkItems('logs');
      const line = '{"@timestamp":"2026-03-15T10:00:00.000Z","http.response.status_code":"abc"}';
      items.add('p-logs-2026.03.15', 'b.0', line, line, 'gateway', Date.parse('2026-03-15T23:00:00Z'));
      items.toRaw(0, 'refused by OpenSearch: mapper_parsing_exception');
      const [action, doc] = items.body([0]).split('\n');
      expect(JSON.parse(action)).toEqual({ create: { _index: 'p-logs-2026.03.15', _id: 'b.0' } });
      expect(JSON.parse(doc)).toEqual({
        '@timestamp': '2026-03-15T10:00:00.000Z',
        'service.name': 'gateway',
        message: line,
        'event.original': line,
        'anvil.parse_error': true,
        'error.message': 'refused by OpenSearch: mapper_parsing_exception',
      });
      expect(items.isRaw(0)).toBe(true);
    });
  });

  describe('chunks', () => {
    it('cuts the items into consecutive runs under the size limit, a large item alone', () => {
      const items = new BulkItems('logs');
      for (const size of [100, 100, 100, 1000, 100]) {
        items.add('i', 'x', `{"m":"${'a'.repeat(size)}"}`, '', 's', 0);
      }
      expect(items.chunks(400)).toEqual([[0, 1], [2], [3], [4]]);
    });
  });
});
