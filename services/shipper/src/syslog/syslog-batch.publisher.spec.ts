import type { Publisher } from '@anvil/bus';
import { CONTRACTS, type LogBatch } from '@anvil/contracts';
import { SyslogBatchPublisher } from './syslog-batch.publisher';
import { DEFAULT_SYSLOG_LIMITS, type SyslogLimits } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';

/** A stand-in for the bus: records each attempt; `fail` makes attempts throw, `hold` keeps them pending. */
class FakeBus {
  readonly attempts: LogBatch[] = [];
  readonly stored: LogBatch[] = [];
  fail = 0;
  private held: (() => void)[] = [];
  hold = false;

  readonly publisher = {
    publish: async (contract: unknown, message: LogBatch): Promise<void> => {
      expect(contract).toBe(CONTRACTS.accessLogBatch);
      this.attempts.push(message);
      if (this.hold) {
        await new Promise<void>((resolve) => this.held.push(resolve));
      }
      if (this.fail > 0) {
        this.fail -= 1;
        throw new Error('nats: timeout');
      }
      this.stored.push(message);
    },
  } as unknown as Publisher;

  release(): void {
    this.hold = false;
    for (const resolve of this.held.splice(0)) {
      resolve();
    }
  }

  get storedLines(): string[] {
    return this.stored.flatMap((batch) => batch.lines);
  }
}

const LIMITS: SyslogLimits = {
  ...DEFAULT_SYSLOG_LIMITS,
  batchMaxLines: 10,
  batchMaxBytes: 1000,
  batchLingerMs: 20,
  maxBufferedBytes: 100,
  retryDelaysMs: [5, 10],
  flushTimeoutMs: 200,
};

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function setup(limits: Partial<SyslogLimits> = {}): { bus: FakeBus; batches: SyslogBatchPublisher } {
  const bus = new FakeBus();
  return { bus, batches: new SyslogBatchPublisher(bus.publisher, new SyslogMetrics(), { ...LIMITS, ...limits }) };
}

const lines = (count: number, prefix = 'line'): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe(SyslogBatchPublisher.name, () => {
  describe('batching', () => {
    it('publishes full batches at once and the rest after the linger time, in order, with sequential batch ids', async () => {
      const { bus, batches } = setup({ maxBufferedBytes: 1e6 });
      const sent = lines(25);
      sent.forEach((line) => batches.add(line));
      await until(() => bus.stored.length === 3);
      expect(bus.stored.map((batch) => batch.lines.length)).toEqual([10, 10, 5]);
      expect(bus.storedLines).toEqual(sent);
      const [first] = bus.stored;
      expect(first.source).toBe('haproxy');
      expect(first.instance).toMatch(/^[A-Za-z0-9_-]+-\d+-[a-z0-9]+$/);
      expect(bus.stored.map((batch) => batch.batchId)).toEqual([1, 2, 3].map((n) => `haproxy-${first.instance}-${n}`));
      expect(CONTRACTS.accessLogBatch.check(first)).toEqual([]);
      expect(CONTRACTS.accessLogBatch.subject(first)).toBe('anvil.access.haproxy');
    });

    it('waits the linger time for a batch that is not full', async () => {
      const { bus, batches } = setup({ batchLingerMs: 60 });
      const started = performance.now();
      batches.add('only');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(bus.attempts).toHaveLength(0);
      await until(() => bus.stored.length === 1);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    });

    it('keeps a batch under batchMaxBytes, counted in UTF-8 bytes', async () => {
      const { bus, batches } = setup({ batchMaxBytes: 30, maxBufferedBytes: 1e6 });
      const sent = ['é'.repeat(10), 'é'.repeat(10), 'a'.repeat(5), 'b'.repeat(40)];
      sent.forEach((line) => batches.add(line));
      await until(() => bus.storedLines.length === 4);
      // 20 bytes each for the first two; a line over the limit alone goes as a batch of its own.
      expect(bus.stored.map((batch) => batch.lines)).toEqual([[sent[0]], [sent[1], sent[2]], [sent[3]]]);
    });
  });

  describe('retries', () => {
    it('retries a failed publish with the very same message, so JetStream stores it once', async () => {
      const { bus, batches } = setup();
      bus.fail = 2;
      batches.add('a');
      batches.add('b');
      await until(() => bus.stored.length === 1);
      expect(bus.attempts).toHaveLength(3);
      expect(new Set(bus.attempts)).toEqual(new Set([bus.stored[0]]));
      expect(bus.stored[0].lines).toEqual(['a', 'b']);
    });

    it('keeps the order of lines that came during the retries', async () => {
      const { bus, batches } = setup({ maxBufferedBytes: 1e6 });
      bus.fail = 3;
      batches.add('first');
      await until(() => bus.attempts.length === 2);
      batches.add('second');
      await until(() => bus.storedLines.length === 2);
      expect(bus.storedLines).toEqual(['first', 'second']);
      expect(bus.stored[1].batchId).not.toBe(bus.stored[0].batchId);
    });
  });

  describe('bounded memory', () => {
    it('refuses offered lines past maxBufferedBytes and takes them again once the bus caught up', async () => {
      const { bus, batches } = setup({ maxBufferedBytes: 50, batchMaxLines: 100 });
      bus.hold = true;
      const accepted = lines(20, 'x').filter((line) => batches.offer(line));
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.length).toBeLessThan(20);
      expect(batches.full).toBe(true);
      expect(batches.bufferedBytes).toBeLessThan(50 + 4);
      bus.release();
      await until(() => !batches.full);
      expect(batches.offer('again')).toBe(true);
      await until(() => bus.storedLines.includes('again'));
      expect(bus.storedLines).toEqual([...accepted, 'again']);
    });

    it('tells its drain listeners once half the buffer is free again', async () => {
      const { bus, batches } = setup({ maxBufferedBytes: 30, batchMaxLines: 4 });
      bus.hold = true;
      let drains = 0;
      batches.onDrain(() => (drains += 1));
      lines(12, 'y').forEach((line) => batches.add(line));
      expect(batches.full).toBe(true);
      expect(drains).toBe(0);
      bus.release();
      await until(() => drains === 1);
      await until(() => bus.storedLines.length === 12);
      expect(drains).toBe(1);
    });
  });

  describe('flush', () => {
    it('publishes what waits at once, without the linger time', async () => {
      const { bus, batches } = setup({ batchLingerMs: 60_000, maxBufferedBytes: 1e6 });
      lines(15).forEach((line) => batches.add(line));
      await expect(batches.flush(1000)).resolves.toBe(0);
      expect(bus.storedLines).toEqual(lines(15));
    });

    it('gives up after its timeout when the bus does not take the lines, and says how many', async () => {
      const { bus, batches } = setup({ maxBufferedBytes: 1e6 });
      bus.fail = Number.MAX_SAFE_INTEGER;
      lines(15).forEach((line) => batches.add(line));
      const started = performance.now();
      await expect(batches.flush(100)).resolves.toBe(15);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(bus.stored).toHaveLength(0);
      batches.add('after');
      expect(batches.bufferedBytes).toBe(0);
    });
  });
});
