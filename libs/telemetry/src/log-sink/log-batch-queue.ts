import type { PendingLogBatch } from './pending-log-batch';

export interface LogBatchQueueLimits {
  /** A batch is sealed when it holds this many lines... */
  readonly batchLines: number;
  /** ...or this many characters (a line is never split; a longer line makes a batch of its own). */
  readonly batchChars: number;
  /** Lines held at most, sealed and open batches together; at least `batchLines`. */
  readonly bufferLines: number;
  /**
   * ...and characters held at most (default: no limit besides the lines'), so that long lines cannot make a buffer of
   * `bufferLines` lines take gigabytes; at least `batchChars`.
   */
  readonly bufferChars?: number;
}

/**
 * The in-memory part of a log sink, without I/O or timers: lines go into an open batch, which is sealed (given the
 * next id) when full or when told; sealed batches wait, oldest first, until published. When `bufferLines` lines
 * (or `bufferChars` characters) are held, each new line first drops the oldest sealed batch (the open one's oldest
 * lines if there is none yet).
 */
export class LogBatchQueue {
  private open: string[] = [];
  private openChars = 0;
  private readonly sealed: PendingLogBatch[] = [];
  private nextSequence = 1;
  private held = 0;
  private heldCharsTotal = 0;
  private droppedTotal = 0;
  private readonly bufferChars: number;

  constructor(
    private readonly idPrefix: string,
    private readonly limits: LogBatchQueueLimits,
  ) {
    if (limits.bufferLines < limits.batchLines) {
      throw new Error(`bufferLines (${limits.bufferLines}) must be at least batchLines (${limits.batchLines})`);
    }
    this.bufferChars = limits.bufferChars ?? Infinity;
    if (this.bufferChars < limits.batchChars) {
      throw new Error(`bufferChars (${this.bufferChars}) must be at least batchChars (${limits.batchChars})`);
    }
  }

  /** Lines held (sealed and open batches). */
  get heldLines(): number {
    return this.held;
  }

  /** Characters of the lines held. */
  get heldChars(): number {
    return this.heldCharsTotal;
  }

  /** Lines dropped because the buffer was full, since the start. */
  get droppedLines(): number {
    return this.droppedTotal;
  }

  get openLines(): number {
    return this.open.length;
  }

  /** Adds a line; returns how many lines were dropped to make room (0 unless the buffer is full). */
  push(line: string, now: () => Date): number {
    if (this.open.length > 0 && this.openChars + line.length > this.limits.batchChars) {
      this.seal(now());
    }
    let dropped = 0;
    while (
      this.held >= this.limits.bufferLines ||
      (this.held > 0 && this.heldCharsTotal + line.length > this.bufferChars)
    ) {
      dropped += this.dropOldest();
    }
    this.open.push(line);
    this.openChars += line.length;
    this.held += 1;
    this.heldCharsTotal += line.length;
    if (this.open.length >= this.limits.batchLines || this.openChars >= this.limits.batchChars) {
      this.seal(now());
    }
    return dropped;
  }

  /** Seals the open batch, if it has lines. */
  seal(batchedAt: Date): PendingLogBatch | undefined {
    if (this.open.length === 0) {
      return undefined;
    }
    const sequence = this.nextSequence++;
    const batch: PendingLogBatch = {
      id: `${this.idPrefix}-${sequence}`,
      sequence,
      lines: this.open,
      chars: this.openChars,
      batchedAt,
      dropped: false,
    };
    this.sealed.push(batch);
    this.open = [];
    this.openChars = 0;
    return batch;
  }

  /** The oldest sealed batch: the next to publish. */
  head(): PendingLogBatch | undefined {
    return this.sealed[0];
  }

  /** Forgets a published batch (nothing if it was dropped meanwhile). */
  remove(batch: PendingLogBatch): void {
    const index = this.sealed.indexOf(batch);
    if (index >= 0) {
      this.sealed.splice(index, 1);
      this.held -= batch.lines.length;
      this.heldCharsTotal -= batch.chars;
    }
  }

  private dropOldest(): number {
    const oldest = this.sealed.shift();
    if (oldest !== undefined) {
      oldest.dropped = true;
      this.held -= oldest.lines.length;
      this.heldCharsTotal -= oldest.chars;
      this.droppedTotal += oldest.lines.length;
      return oldest.lines.length;
    }
    // Only when the buffer is close to one batch: the open batch is the oldest there is.
    const chars = this.open.shift()?.length ?? 0;
    this.openChars -= chars;
    this.heldCharsTotal -= chars;
    this.held -= 1;
    this.droppedTotal += 1;
    return 1;
  }
}
