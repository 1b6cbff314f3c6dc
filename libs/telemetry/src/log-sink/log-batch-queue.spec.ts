import { LogBatchQueue } from './log-batch-queue';

const now = () => new Date('2026-01-01T00:00:00Z');
const limits = { batchLines: 3, batchChars: 100, bufferLines: 6 };

function pushAll(queue: LogBatchQueue, lines: string[]): number {
  return lines.reduce((dropped, line) => dropped + queue.push(line, now), 0);
}

function drain(queue: LogBatchQueue): { id: string; lines: readonly string[] }[] {
  const out: { id: string; lines: readonly string[] }[] = [];
  for (let batch = queue.head(); batch !== undefined; batch = queue.head()) {
    out.push({ id: batch.id, lines: batch.lines });
    queue.remove(batch);
  }
  return out;
}

describe(LogBatchQueue.name, () => {
  describe('push', () => {
    it('seals a batch when it holds batchLines lines, with ids <prefix>-1, -2, ... in order', () => {
      const queue = new LogBatchQueue('svc-inst', { ...limits, bufferLines: 10 });
      pushAll(queue, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      expect(drain(queue)).toEqual([
        { id: 'svc-inst-1', lines: ['a', 'b', 'c'] },
        { id: 'svc-inst-2', lines: ['d', 'e', 'f'] },
      ]);
      expect(queue.openLines).toBe(1);
      expect(queue.heldLines).toBe(1);
    });

    it('seals before a line that would take the batch past batchChars; a longer line is a batch of its own', () => {
      const queue = new LogBatchQueue('p', limits);
      pushAll(queue, ['x'.repeat(60), 'y'.repeat(60), 'z'.repeat(150), 'w']);
      expect(drain(queue).map((batch) => batch.lines.map((line) => line.length))).toEqual([[60], [60], [150]]);
      expect(queue.openLines).toBe(1);
    });

    it('drops the oldest sealed batch, and counts it, once bufferLines lines are held', () => {
      const queue = new LogBatchQueue('p', limits);
      expect(pushAll(queue, ['1', '2', '3', '4', '5', '6'])).toBe(0);
      expect(queue.heldLines).toBe(6);
      expect(queue.push('7', now)).toBe(3);
      expect(queue.droppedLines).toBe(3);
      expect(queue.heldLines).toBe(4);
      pushAll(queue, ['8', '9']);
      expect(drain(queue)).toEqual([
        { id: 'p-2', lines: ['4', '5', '6'] },
        { id: 'p-3', lines: ['7', '8', '9'] },
      ]);
    });

    it('never holds more than bufferLines lines, however many come', () => {
      const queue = new LogBatchQueue('p', limits);
      for (let i = 0; i < 1000; i++) {
        queue.push(String(i), now);
        expect(queue.heldLines).toBeLessThanOrEqual(limits.bufferLines);
      }
      expect(queue.droppedLines + queue.heldLines).toBe(1000);
      // What is left is the newest lines, in order.
      const left = drain(queue).flatMap((batch) => batch.lines);
      expect(left).toEqual(['996', '997', '998']);
      expect(queue.openLines).toBe(1);
    });

    it('never holds more than bufferChars characters, however few lines that is', () => {
      const queue = new LogBatchQueue('p', { batchLines: 3, batchChars: 100, bufferLines: 1000, bufferChars: 200 });
      for (let i = 0; i < 100; i++) {
        queue.push(`${String(i).padStart(2, '0')}${'x'.repeat(38)}`, now);
        expect(queue.heldChars).toBeLessThanOrEqual(200);
      }
      expect(queue.droppedLines + queue.heldLines).toBe(100);
      expect(queue.heldChars).toBe(queue.heldLines * 40);
      // The newest lines are left, in order (two per batch: a third would pass batchChars), and a published batch
      // gives its characters back.
      const left = drain(queue).flatMap((batch) => batch.lines.map((line) => line.slice(0, 2)));
      expect(left).toEqual(['96', '97']);
      expect(queue.openLines).toBe(2);
      expect(queue.heldChars).toBe(80);
    });

    it('drops from the open batch when the buffer is no larger than one batch', () => {
      const queue = new LogBatchQueue('p', { batchLines: 3, batchChars: 100, bufferLines: 3 });
      pushAll(queue, ['a', 'b']);
      const batch = queue.head();
      expect(batch).toBeUndefined();
      queue.push('c', now);
      expect(queue.head()?.lines).toEqual(['a', 'b', 'c']);
      expect(queue.push('d', now)).toBe(3);
      expect(queue.heldLines).toBe(1);
    });

    it('marks a dropped batch so a publish in progress is not retried', () => {
      const queue = new LogBatchQueue('p', limits);
      pushAll(queue, ['1', '2', '3', '4', '5', '6']);
      const inFlight = queue.head();
      queue.push('7', now);
      expect(inFlight?.dropped).toBe(true);
      expect(queue.head()?.id).toBe('p-2');
    });
  });

  describe('seal', () => {
    it('seals the open batch with its time, and does nothing when it is empty', () => {
      const queue = new LogBatchQueue('p', limits);
      expect(queue.seal(now())).toBeUndefined();
      queue.push('a', now);
      const at = new Date('2026-02-02T00:00:00Z');
      expect(queue.seal(at)).toMatchObject({ id: 'p-1', lines: ['a'], batchedAt: at, dropped: false });
      expect(queue.openLines).toBe(0);
    });
  });

  it('refuses a buffer smaller than one batch', () => {
    expect(() => new LogBatchQueue('p', { batchLines: 10, batchChars: 100, bufferLines: 9 })).toThrow(/bufferLines/);
    expect(() => new LogBatchQueue('p', { batchLines: 10, batchChars: 100, bufferLines: 10, bufferChars: 99 })).toThrow(
      /bufferChars/,
    );
  });
});
