import type { LogBatchPublisher } from './log-batch-publisher';
import { LogBatchQueue, type LogBatchQueueLimits } from './log-batch-queue';
import { LOG_SINK_LIMITS } from './log-sink.constants';
import { Wakeup } from './wakeup';

export interface LogSinkOptions {
  /** `service.name` of the sink's own notices. */
  readonly service: string;
  /** Batch ids are `<batchIdPrefix>-<sequence>`, sequence from 1. */
  readonly batchIdPrefix: string;
  readonly publisher: LogBatchPublisher;
  /**
   * Lines held at most while the publisher does not take them (ANVIL_LOG_BUFFER_LINES); and characters, unless
   * `limits.bufferChars` says otherwise, `bufferLines` × `LOG_SINK_LIMITS.bufferCharsPerLine`.
   */
  readonly bufferLines: number;
  /** A batch is sent at the latest this long after its first line (ANVIL_LOG_LINGER_MS). */
  readonly lingerMs: number;
  /**
   * Writes one of the sink's own lines (a pino-style JSON line, without newline) to where every line also goes:
   * stdout. Never back into a logger, so the sink cannot log through itself.
   */
  readonly notice: (line: string) => void;
  readonly limits?: Partial<LogBatchQueueLimits & { maxLineChars: number; retryMinMs: number; retryMaxMs: number }>;
  readonly now?: () => Date;
}

export interface LogSinkStats {
  /** Lines the publisher took. */
  readonly publishedLines: number;
  /** Lines dropped because the buffer was full. */
  readonly droppedLines: number;
  /** Lines held, waiting to be published. */
  readonly heldLines: number;
}

/** A time of trouble: the publisher fails, or lines were dropped. It ends once lines flow and the buffer is half free. */
interface Trouble {
  readonly since: number;
  readonly droppedBefore: number;
  failing: boolean;
  overflowing: boolean;
}

/**
 * Ships log lines to the bus in batches, without ever making the logging code wait: `push` only appends to memory;
 * one background loop publishes the sealed batches in order, one at a time, and retries a failed one (same id, so
 * the stream deduplicates it) with a backoff, for as long as it takes. Memory is bounded: past `bufferLines` lines
 * (or `limits.bufferChars` characters) the oldest are dropped, counted and reported (once per time of trouble)
 * through `notice`.
 */
export class LogSink {
  private readonly queue: LogBatchQueue;
  private readonly limits: Required<NonNullable<LogSinkOptions['limits']>>;
  private readonly now: () => Date;
  /** The loop waits here for a sealed batch. */
  private readonly batchReady = new Wakeup();
  /** The loop waits here after a failure; `retryNow()` and `close()` cut the wait short. */
  private readonly retry = new Wakeup();
  private readonly loop: Promise<void>;
  private lingerTimer: NodeJS.Timeout | undefined;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private closed: Promise<void> | undefined;
  private trouble: Trouble | undefined;
  private published = 0;

  constructor(private readonly options: LogSinkOptions) {
    this.limits = {
      batchLines: LOG_SINK_LIMITS.batchLines,
      batchChars: LOG_SINK_LIMITS.batchChars,
      maxLineChars: LOG_SINK_LIMITS.maxLineChars,
      // At least one batch's worth (only a buffer of few lines, in tests, is smaller).
      bufferChars: Math.max(
        options.bufferLines * LOG_SINK_LIMITS.bufferCharsPerLine,
        options.limits?.batchChars ?? LOG_SINK_LIMITS.batchChars,
      ),
      retryMinMs: LOG_SINK_LIMITS.retryMinMs,
      retryMaxMs: LOG_SINK_LIMITS.retryMaxMs,
      ...options.limits,
      bufferLines: options.bufferLines,
    };
    this.now = options.now ?? (() => new Date());
    this.queue = new LogBatchQueue(options.batchIdPrefix, this.limits);
    this.loop = this.run();
  }

  /** Queues one line (a serialized JSON object, without its newline). Never waits, never throws. */
  push(line: string): void {
    if (this.state === 'closed') {
      return;
    }
    this.enqueue(line.length > this.limits.maxLineChars ? this.oversized(line) : line);
  }

  /** Ends a retry wait at once (the connection is back). */
  retryNow(): void {
    this.retry.notify();
  }

  stats(): LogSinkStats {
    return { publishedLines: this.published, droppedLines: this.queue.droppedLines, heldLines: this.queue.heldLines };
  }

  /**
   * Publishes what is held, waiting at most `timeoutMs`, then stops; a publish that fails now is not retried. Lines
   * pushed meanwhile are still sent; lines pushed afterwards are ignored (stdout has them). Idempotent.
   */
  close(timeoutMs: number = LOG_SINK_LIMITS.closeTimeoutMs): Promise<void> {
    this.closed ??= this.shutDown(timeoutMs);
    return this.closed;
  }

  private async shutDown(timeoutMs: number): Promise<void> {
    this.state = 'closing';
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    this.queue.seal(this.now());
    this.batchReady.notify();
    this.retry.notify();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.state = 'closed';
    const left = this.queue.heldLines;
    if (left > 0) {
      this.options.notice(
        this.noticeLine(
          'warn',
          `log sink: closed with ${left} lines not published to ${this.options.publisher.target}`,
          {
            'anvil.log_sink.unpublished_lines': left,
          },
        ),
      );
    }
  }

  private enqueue(line: string): void {
    const dropped = this.queue.push(line, this.now);
    if (dropped > 0) {
      this.onDropped(dropped);
    }
    if (this.state === 'closing') {
      this.queue.seal(this.now());
    } else if (this.queue.openLines > 0 && this.lingerTimer === undefined) {
      this.lingerTimer = setTimeout(() => this.onLinger(), this.options.lingerMs);
      this.lingerTimer.unref();
    }
    if (this.queue.head() !== undefined) {
      this.batchReady.notify();
    }
  }

  private onLinger(): void {
    this.lingerTimer = undefined;
    if (this.queue.seal(this.now()) !== undefined) {
      this.batchReady.notify();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    for (;;) {
      const batch = this.queue.head() ?? (this.state === 'open' ? undefined : this.queue.seal(this.now()));
      if (batch === undefined) {
        if (this.state !== 'open') {
          return;
        }
        await this.batchReady.wait();
        continue;
      }
      const attemptedAt = performance.now();
      try {
        await this.options.publisher.publish(batch);
        this.queue.remove(batch);
        this.published += batch.dropped ? 0 : batch.lines.length;
        failures = 0;
        this.onPublished();
      } catch (error) {
        failures += 1;
        this.onFailed(error, attemptedAt);
        if (this.state !== 'open') {
          return;
        }
        const backoff = Math.min(this.limits.retryMinMs * 2 ** (failures - 1), this.limits.retryMaxMs);
        await this.retry.wait(backoff);
      }
    }
  }

  private onFailed(error: unknown, attemptedAt: number): void {
    const trouble = this.startTrouble(0, attemptedAt);
    if (trouble.failing) {
      return;
    }
    trouble.failing = true;
    const reason = error instanceof Error ? error.message : String(error);
    const line = this.noticeLine(
      'warn',
      `log sink: cannot publish to ${this.options.publisher.target} (${reason}); retrying, holding up to ${this.limits.bufferLines} lines`,
    );
    this.options.notice(line);
    this.enqueue(line);
  }

  private onDropped(dropped: number): void {
    const trouble = this.startTrouble(dropped);
    if (trouble.overflowing) {
      return;
    }
    trouble.overflowing = true;
    // stdout only: pushing it would drop another line.
    this.options.notice(
      this.noticeLine(
        'warn',
        `log sink: buffer full (${this.limits.bufferLines} lines, ANVIL_LOG_BUFFER_LINES, or ${this.limits.bufferChars} characters): dropping the oldest until ${this.options.publisher.target} takes them again (stdout has every line)`,
      ),
    );
  }

  private onPublished(): void {
    const trouble = this.trouble;
    const halfFree =
      this.queue.heldLines <= this.limits.bufferLines / 2 && this.queue.heldChars <= this.limits.bufferChars / 2;
    if (trouble === undefined || !halfFree) {
      return;
    }
    this.trouble = undefined;
    const dropped = this.queue.droppedLines - trouble.droppedBefore;
    const seconds = Math.round((performance.now() - trouble.since) / 100) / 10;
    const line = this.noticeLine(
      dropped > 0 ? 'warn' : 'info',
      `log sink: publishing to ${this.options.publisher.target} again after ${seconds} s; ${dropped} lines dropped meanwhile`,
      { 'anvil.log_sink.dropped_lines': dropped },
    );
    this.options.notice(line);
    this.enqueue(line);
  }

  private startTrouble(justDropped: number, since = performance.now()): Trouble {
    this.trouble ??= {
      since,
      droppedBefore: this.queue.droppedLines - justDropped,
      failing: false,
      overflowing: false,
    };
    return this.trouble;
  }

  /** On the bus, a line too long for a batch becomes a line saying so, with its start. */
  private oversized(line: string): string {
    return this.noticeLine('warn', `log line of ${line.length} characters, too long for the bus: cut`, {
      'event.original': line.slice(0, this.limits.maxLineChars / 2),
    });
  }

  private noticeLine(level: 'info' | 'warn', message: string, fields: Record<string, unknown> = {}): string {
    return JSON.stringify({
      'log.level': level,
      '@timestamp': this.now().toISOString(),
      'service.name': this.options.service,
      ...fields,
      message,
    });
  }
}
