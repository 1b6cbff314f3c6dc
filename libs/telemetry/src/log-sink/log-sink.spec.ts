import type { LogBatchPublisher } from './log-batch-publisher';
import { LogSink, type LogSinkOptions } from './log-sink';
import type { PendingLogBatch } from './pending-log-batch';

/** A publisher that stores what it takes, fails while told to, or never answers. */
class FakePublisher implements LogBatchPublisher {
  readonly target = 't.anvil.log.svc';
  readonly attempts: string[] = [];
  readonly stored = new Map<string, readonly string[]>();
  mode: 'ok' | 'fail' | 'hang' = 'ok';

  publish(batch: PendingLogBatch): Promise<void> {
    this.attempts.push(batch.id);
    if (this.mode === 'hang') {
      return new Promise(() => undefined);
    }
    if (this.mode === 'fail') {
      return Promise.reject(new Error('connection refused'));
    }
    // Like JetStream with Nats-Msg-Id: a second publish of the same id is not stored again.
    if (!this.stored.has(batch.id)) {
      this.stored.set(batch.id, [...batch.lines]);
    }
    return Promise.resolve();
  }

  lines(): string[] {
    return [...this.stored.values()].flat().filter((line) => !line.includes('log sink:'));
  }
}

function makeSink(
  publisher: FakePublisher,
  overrides: Partial<LogSinkOptions> = {},
): { sink: LogSink; notices: Record<string, unknown>[] } {
  const notices: Record<string, unknown>[] = [];
  const sink = new LogSink({
    service: 'svc',
    batchIdPrefix: 'svc-i',
    publisher,
    bufferLines: 100,
    lingerMs: 200,
    notice: (line) => notices.push(JSON.parse(line) as Record<string, unknown>),
    limits: { batchLines: 10, batchChars: 10_000, retryMinMs: 100, retryMaxMs: 1000 },
    ...overrides,
  });
  return { sink, notices };
}

const lines = (count: number, from = 0): string[] =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ message: `line ${from + i}` }));

/** Runs timers and the promise jobs they start. */
const elapse = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms);

describe(LogSink.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('push', () => {
    it('publishes every line once, in order, in batches of batchLines with consecutive ids', async () => {
      const publisher = new FakePublisher();
      const { sink } = makeSink(publisher);
      const written = lines(35);
      written.forEach((line) => sink.push(line));
      await elapse(0);
      expect(publisher.attempts).toEqual(['svc-i-1', 'svc-i-2', 'svc-i-3']);
      await elapse(200);
      expect(publisher.attempts).toEqual(['svc-i-1', 'svc-i-2', 'svc-i-3', 'svc-i-4']);
      expect(publisher.lines()).toEqual(written);
      expect(sink.stats()).toEqual({ publishedLines: 35, droppedLines: 0, heldLines: 0 });
    });

    it('sends a batch that is not full after lingerMs, not before', async () => {
      const publisher = new FakePublisher();
      const { sink } = makeSink(publisher);
      sink.push('a');
      sink.push('b');
      await elapse(199);
      expect(publisher.attempts).toEqual([]);
      await elapse(1);
      expect([...publisher.stored.entries()]).toEqual([['svc-i-1', ['a', 'b']]]);
    });

    it('only appends to memory: with the publisher stuck, lines pile up and one publish is in flight', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'hang';
      const { sink } = makeSink(publisher, { bufferLines: 100_000 });
      lines(10_000).forEach((line) => sink.push(line));
      await elapse(10_000);
      expect(publisher.attempts).toEqual(['svc-i-1']);
      expect(sink.stats().heldLines).toBe(10_000);
    });

    it('puts in place of a line too long for the bus a line saying so, with its start', async () => {
      const publisher = new FakePublisher();
      const { sink } = makeSink(publisher, { limits: { batchLines: 10, batchChars: 1000, maxLineChars: 100 } });
      sink.push('x'.repeat(101));
      await elapse(200);
      const [line] = [...publisher.stored.values()].flat();
      expect(JSON.parse(line)).toMatchObject({
        'log.level': 'warn',
        'service.name': 'svc',
        message: 'log line of 101 characters, too long for the bus: cut',
        'event.original': 'x'.repeat(50),
      });
    });
  });

  describe('when publishing fails', () => {
    it('retries the same batch id with a growing backoff, then goes on in order, storing each line once', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'fail';
      const { sink, notices } = makeSink(publisher);
      const written = lines(25);
      written.forEach((line) => sink.push(line));
      await elapse(0);
      expect(publisher.attempts).toEqual(['svc-i-1']);
      await elapse(100);
      expect(publisher.attempts).toEqual(['svc-i-1', 'svc-i-1']);
      await elapse(199);
      expect(publisher.attempts).toHaveLength(2);
      await elapse(1);
      expect(publisher.attempts).toEqual(['svc-i-1', 'svc-i-1', 'svc-i-1']);
      publisher.mode = 'ok';
      await elapse(400);
      expect(publisher.attempts.slice(3)).toEqual(['svc-i-1', 'svc-i-2', 'svc-i-3']);
      expect(publisher.lines()).toEqual(written);
      // The notices go to the bus too, after the lines before them.
      await elapse(200);
      expect(publisher.attempts.slice(6)).toEqual(['svc-i-4']);
      expect(publisher.stored.get('svc-i-4')?.map((line) => JSON.parse(line).message)).toEqual([
        'log sink: publishing to t.anvil.log.svc again after 0.7 s; 0 lines dropped meanwhile',
      ]);
      expect(notices.map((notice) => notice.message)).toEqual([
        'log sink: cannot publish to t.anvil.log.svc (connection refused); retrying, holding up to 100 lines',
        'log sink: publishing to t.anvil.log.svc again after 0.7 s; 0 lines dropped meanwhile',
      ]);
    });

    it('retries at once when told the connection is back', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'fail';
      const { sink } = makeSink(publisher, { limits: { batchLines: 10, retryMinMs: 60_000, retryMaxMs: 60_000 } });
      lines(10).forEach((line) => sink.push(line));
      await elapse(0);
      publisher.mode = 'ok';
      sink.retryNow();
      await elapse(0);
      expect(publisher.attempts).toEqual(['svc-i-1', 'svc-i-1']);
      expect(sink.stats().publishedLines).toBe(10);
    });

    it('holds at most bufferLines lines, dropping the oldest; says so once, then how many were dropped', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'fail';
      const { sink, notices } = makeSink(publisher, { bufferLines: 50 });
      const written = lines(500);
      for (const line of written) {
        sink.push(line);
        expect(sink.stats().heldLines).toBeLessThanOrEqual(50);
      }
      expect(notices.map((notice) => notice.message)).toEqual([
        `log sink: buffer full (50 lines, ANVIL_LOG_BUFFER_LINES, or ${50 * 512} characters): dropping the oldest until t.anvil.log.svc takes them again (stdout has every line)`,
      ]);
      await elapse(5000);
      publisher.mode = 'ok';
      await elapse(5000);
      const { droppedLines, heldLines } = sink.stats();
      expect(heldLines).toBe(0);
      // The newest lines arrive, in order, and nothing else; the ones dropped are counted.
      const arrived = publisher.lines();
      expect(arrived).toEqual(written.slice(written.length - arrived.length));
      // (The notice of the failure came after the 500 lines, so it is among those that arrived.)
      expect(arrived.length + droppedLines).toBe(written.length);
      const last = notices[notices.length - 1];
      expect(last).toMatchObject({ 'log.level': 'warn', 'anvil.log_sink.dropped_lines': droppedLines });
      expect(String(last.message)).toMatch(
        /^log sink: publishing to t.anvil.log.svc again after [\d.]+ s; \d+ lines dropped meanwhile$/,
      );
      expect(notices.filter((notice) => String(notice.message).includes('dropping the oldest'))).toHaveLength(1);
    });

    it('holds at most bufferChars characters however few lines that is, dropping the oldest', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'fail';
      const { sink, notices } = makeSink(publisher, {
        bufferLines: 100_000,
        limits: { batchLines: 10, batchChars: 500, bufferChars: 1000 },
      });
      const long = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(97)}`);
      for (const line of long) {
        sink.push(line);
        expect(sink.stats().heldLines).toBeLessThanOrEqual(10);
      }
      expect(sink.stats().droppedLines).toBeGreaterThanOrEqual(90);
      expect(notices.map((notice) => notice.message)).toContainEqual(
        expect.stringMatching(/^log sink: buffer full \(100000 lines, ANVIL_LOG_BUFFER_LINES, or 1000 characters\)/),
      );
      publisher.mode = 'ok';
      await elapse(5000);
      // The newest lines arrive, in order.
      const arrived = publisher.lines();
      expect(arrived.length).toBeGreaterThan(0);
      expect(arrived).toEqual(long.slice(long.length - arrived.length));
      expect(notices.filter((notice) => String(notice.message).startsWith('log sink: buffer full'))).toHaveLength(1);
    });
  });

  describe('close', () => {
    it('publishes what is held, the open batch too, and then ignores new lines', async () => {
      const publisher = new FakePublisher();
      const { sink } = makeSink(publisher);
      const written = lines(15);
      written.forEach((line) => sink.push(line));
      const closed = sink.close(1000);
      await elapse(0);
      await closed;
      expect(publisher.lines()).toEqual(written);
      sink.push('late');
      await elapse(1000);
      expect(publisher.lines()).toEqual(written);
    });

    it('does not retry a failing publish and says how many lines were not published', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'fail';
      const { sink, notices } = makeSink(publisher);
      lines(15).forEach((line) => sink.push(line));
      const closed = sink.close(1000);
      await elapse(0);
      await closed;
      expect(publisher.attempts).toEqual(['svc-i-1']);
      expect(notices[notices.length - 1]).toMatchObject({
        message: 'log sink: closed with 16 lines not published to t.anvil.log.svc',
        'anvil.log_sink.unpublished_lines': 16,
      });
    });

    it('waits at most timeoutMs for a publish that does not answer', async () => {
      const publisher = new FakePublisher();
      publisher.mode = 'hang';
      const { sink } = makeSink(publisher);
      sink.push('a');
      let done = false;
      void sink.close(500).then(() => (done = true));
      await elapse(499);
      expect(done).toBe(false);
      await elapse(1);
      expect(done).toBe(true);
    });
  });
});
