import type { DestinationStream } from 'pino';
import type { LogSink } from './log-sink';

type Flushable = DestinationStream & { flush?: (callback: (error?: Error) => void) => void };

/** A pino destination that writes every line to stdout, as it is, and pushes it (without its newline) into a sink. */
export class TeeDestination implements DestinationStream {
  constructor(
    private readonly stdout: Flushable,
    private readonly sink: LogSink,
  ) {}

  write(line: string): void {
    this.stdout.write(line);
    this.sink.push(line.endsWith('\n') ? line.slice(0, -1) : line);
  }

  /** pino's `logger.flush()`: flushes stdout (the sink publishes on its own). */
  flush(callback: (error?: Error) => void): void {
    if (typeof this.stdout.flush === 'function') {
      this.stdout.flush(callback);
    } else {
      callback();
    }
  }
}
