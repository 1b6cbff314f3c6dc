import { Inject, Injectable, Logger } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { backoffDelay, errorMessage, Publisher } from '@anvil/bus';
import { CONTRACTS, LogBatchSchema, type LogBatch } from '@anvil/contracts';
import { logInstanceId } from '@anvil/telemetry';
import { HAPROXY_SOURCE, SYSLOG_LIMITS, type SyslogLimits } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';

/**
 * Publishes the syslog lines as they came, in `LogBatch`es on `anvil.access.haproxy` (batch id
 * `haproxy-<instance>-<sequence>`), one batch at a time, in order. A batch goes out once it has `batchMaxLines` lines
 * or `batchMaxBytes`, or `batchLingerMs` after its first line. A failed publish is retried, with the same message
 * (same batch id, so JetStream stores it once), until it succeeds or the shipper stops. Memory is bounded by
 * `maxBufferedBytes`: `offer` refuses lines past it (UDP drops them), `add` takes them and the caller pauses its
 * TCP socket until `onDrain` says there is room again.
 */
@Injectable()
export class SyslogBatchPublisher {
  private readonly logger = new Logger(SyslogBatchPublisher.name);
  private readonly instance = logInstanceId();
  private sequence = 0;
  private waiting: string[] = [];
  private waitingBytes = 0;
  private inFlightBytes = 0;
  private inFlightLines = 0;
  private firstWaitingAt = 0;
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<void>;
  private overLimit = false;
  private flushing = false;
  private stopped = false;
  private wakeRetry?: () => void;
  private readonly drainListeners = new Set<() => void>();

  constructor(
    private readonly publisher: Publisher,
    private readonly metrics: SyslogMetrics,
    @Inject(SYSLOG_LIMITS) private readonly limits: SyslogLimits,
  ) {}

  /** Bytes of lines held: waiting, and in the batch being published. */
  get bufferedBytes(): number {
    return this.waitingBytes + this.inFlightBytes;
  }

  /** True while the held lines reach `maxBufferedBytes`. */
  get full(): boolean {
    return this.bufferedBytes >= this.limits.maxBufferedBytes;
  }

  /** Takes `line` unless the buffer is full (for UDP, which cannot be slowed down). */
  offer(line: string): boolean {
    if (this.full) {
      this.overLimit = true;
      return false;
    }
    this.add(line);
    return true;
  }

  /** Takes `line` whatever the buffer holds (for TCP: the caller pauses its socket while `full`). */
  add(line: string): void {
    if (this.stopped) {
      return;
    }
    if (this.waiting.length === 0) {
      this.firstWaitingAt = performance.now();
    }
    this.waiting.push(line);
    this.waitingBytes += Buffer.byteLength(line);
    if (this.full) {
      this.overLimit = true;
    }
    this.metrics.bufferedBytes(this.bufferedBytes);
    this.schedule();
  }

  /** Calls `listener` each time the buffer, after being full, is down to half. Returns the unsubscribe function. */
  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  /**
   * Publishes every line held, without waiting for the linger time, retrying for at most `timeoutMs`; then takes no
   * more lines. Resolves with the number of lines given up (0 when all were stored).
   */
  async flush(timeoutMs: number): Promise<number> {
    this.flushing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    let deadline: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      deadline = setTimeout(resolve, timeoutMs);
    });
    const done = (async () => {
      while (!this.stopped && (this.waiting.length > 0 || this.pumping !== undefined)) {
        this.startPump();
        await this.pumping;
      }
    })();
    await Promise.race([done, expired]);
    clearTimeout(deadline);
    this.stopped = true;
    this.wakeRetry?.();
    const abandoned = this.waiting.length + (this.inFlightBytes > 0 ? this.inFlightLines : 0);
    this.waiting = [];
    this.waitingBytes = 0;
    this.metrics.bufferedBytes(this.bufferedBytes);
    return abandoned;
  }

  private schedule(): void {
    if (this.pumping !== undefined) {
      return;
    }
    const waited = performance.now() - this.firstWaitingAt;
    if (this.flushing || this.batchReady() || waited >= this.limits.batchLingerMs) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.startPump();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.startPump();
      }, this.limits.batchLingerMs - waited);
    }
  }

  private startPump(): void {
    if (this.pumping !== undefined || this.waiting.length === 0) {
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      if (this.waiting.length > 0 && !this.stopped) {
        this.schedule();
      }
    });
  }

  /** Publishes batches while one is due: full, lingered long enough, or flushing. */
  private async pump(): Promise<void> {
    let first = true;
    while (this.waiting.length > 0 && !this.stopped) {
      const due =
        first ||
        this.flushing ||
        this.batchReady() ||
        performance.now() - this.firstWaitingAt >= this.limits.batchLingerMs;
      if (!due) {
        return;
      }
      first = false;
      await this.publish(this.take());
    }
  }

  private batchReady(): boolean {
    return this.waiting.length >= this.limits.batchMaxLines || this.waitingBytes >= this.limits.batchMaxBytes;
  }

  /** The next batch's lines: up to `batchMaxLines` and `batchMaxBytes` (at least one line). */
  private take(): { lines: string[]; bytes: number } {
    let count = 0;
    let bytes = 0;
    while (count < this.waiting.length && count < this.limits.batchMaxLines) {
      const size = Buffer.byteLength(this.waiting[count]);
      if (count > 0 && bytes + size > this.limits.batchMaxBytes) {
        break;
      }
      bytes += size;
      count += 1;
    }
    const lines = this.waiting.splice(0, count);
    this.waitingBytes -= bytes;
    // The lines left came while this batch was filling: they may wait one linger time more, not longer.
    this.firstWaitingAt = performance.now();
    return { lines, bytes };
  }

  private async publish({ lines, bytes }: { lines: string[]; bytes: number }): Promise<void> {
    this.sequence += 1;
    const batch: LogBatch = create(LogBatchSchema, {
      batchId: `${HAPROXY_SOURCE}-${this.instance}-${this.sequence}`,
      source: HAPROXY_SOURCE,
      instance: this.instance,
      lines,
      batchedAt: timestampFromDate(new Date()),
    });
    this.inFlightBytes = bytes;
    this.inFlightLines = lines.length;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.publisher.publish(CONTRACTS.accessLogBatch, batch);
        this.metrics.linesPublished(lines.length);
        if (attempt > 1) {
          this.logger.log(
            { batchId: batch.batchId, attempts: attempt },
            'published a batch of syslog lines after retries',
          );
        }
        break;
      } catch (error) {
        this.metrics.publishFailed();
        if (this.stopped) {
          break;
        }
        const delayMs = backoffDelay(this.limits.retryDelaysMs, attempt);
        // The first failure, then one line every ten attempts: the bus may be down for a while.
        if (attempt % 10 === 1) {
          this.logger.warn(
            {
              batchId: batch.batchId,
              attempt,
              lines: lines.length,
              bufferedBytes: this.bufferedBytes,
              err: errorMessage(error),
            },
            `could not publish a batch of syslog lines, retrying in ${delayMs} ms`,
          );
        }
        await this.sleep(delayMs);
        if (this.stopped) {
          break;
        }
      }
    }
    this.inFlightBytes = 0;
    this.inFlightLines = 0;
    this.metrics.bufferedBytes(this.bufferedBytes);
    this.checkDrain();
  }

  private checkDrain(): void {
    if (this.overLimit && this.bufferedBytes <= this.limits.maxBufferedBytes / 2) {
      this.overLimit = false;
      for (const listener of this.drainListeners) {
        listener();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = done;
    });
  }
}
