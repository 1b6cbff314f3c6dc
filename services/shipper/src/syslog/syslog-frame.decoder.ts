import { frameText } from './frame-text.util';

/** Receives each message a decoder completes; `truncated` when it was longer than the limit and was cut. */
export type SyslogFrameSink = (message: string, truncated: boolean) => void;

const LF = 0x0a;
const SPACE = 0x20;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
// MSG-LEN of up to 9 digits (< 1 GB); a longer run of digits is not taken for a frame length.
const MAX_LENGTH_DIGITS = 9;
const EMPTY = Buffer.alloc(0);

/**
 * Splits one TCP stream of syslog messages (RFC 6587), deciding the framing at the start of each frame: octet
 * counting (`<MSG-LEN> <MSG>`, MSG-LEN a non-zero number) when the frame starts with digits followed by a space,
 * otherwise non-transparent framing (the message ends at the next line feed). A message longer than
 * `maxMessageBytes` is cut at that length and delivered flagged, and the rest of its frame is skipped; so whatever
 * the peer sends, at most about `maxMessageBytes` plus one chunk is held.
 */
export class SyslogFrameDecoder {
  private pending: Buffer = EMPTY;
  /** Bytes of a cut octet-counted frame still to skip. */
  private skipBytes = 0;
  /** Skipping the rest of a cut newline-framed message, up to its line feed. */
  private skipToLineFeed = false;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly sink: SyslogFrameSink,
  ) {}

  /** Bytes held, waiting for the rest of a frame. */
  get heldBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): void {
    const buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const consumed = this.decode(buffer);
    // A copy, so a small rest does not keep a whole chunk alive.
    this.pending = consumed >= buffer.length ? EMPTY : Buffer.from(buffer.subarray(consumed));
  }

  /** The peer closed: what is held is delivered as the last message (cut if it was an incomplete octet-counted frame). */
  end(): void {
    const buffer = this.pending;
    this.pending = EMPTY;
    if (buffer.length === 0 || this.skipBytes > 0 || this.skipToLineFeed) {
      return;
    }
    const frame = this.octetFrame(buffer, 0);
    if (frame === undefined || frame === 'incomplete') {
      this.emit(buffer, 0, buffer.length, false);
    } else {
      this.emit(buffer, frame.start, buffer.length, true);
    }
  }

  /** Delivers every complete message of `buffer`; returns how many bytes it used. */
  private decode(buffer: Buffer): number {
    const max = this.maxMessageBytes;
    let position = 0;
    while (position < buffer.length) {
      if (this.skipBytes > 0) {
        const skipped = Math.min(this.skipBytes, buffer.length - position);
        this.skipBytes -= skipped;
        position += skipped;
        continue;
      }
      if (this.skipToLineFeed) {
        const lineFeed = buffer.indexOf(LF, position);
        this.skipToLineFeed = lineFeed < 0;
        position = lineFeed < 0 ? buffer.length : lineFeed + 1;
        continue;
      }
      const frame = this.octetFrame(buffer, position);
      if (frame === 'incomplete') {
        return position;
      }
      if (frame !== undefined) {
        const available = buffer.length - frame.start;
        if (frame.length > max && available >= max) {
          this.emit(buffer, frame.start, frame.start + max, true);
          this.skipBytes = frame.length - max;
          position = frame.start + max;
        } else if (frame.length <= max && available >= frame.length) {
          this.emit(buffer, frame.start, frame.start + frame.length, false);
          position = frame.start + frame.length;
        } else {
          return position;
        }
        continue;
      }
      const lineFeed = buffer.indexOf(LF, position);
      const length = (lineFeed < 0 ? buffer.length : lineFeed) - position;
      if (length > max) {
        this.emit(buffer, position, position + max, true);
        this.skipToLineFeed = true;
        position += max;
      } else if (lineFeed >= 0) {
        this.emit(buffer, position, lineFeed, false);
        position = lineFeed + 1;
      } else {
        return position;
      }
    }
    return position;
  }

  /**
   * The octet-counted frame starting at `position`: its length and where its message starts; `undefined` when the
   * frame is not octet-counted; `incomplete` when the bytes so far do not tell yet.
   */
  private octetFrame(buffer: Buffer, position: number): { length: number; start: number } | 'incomplete' | undefined {
    const first = buffer[position];
    if (first < ONE || first > NINE) {
      return undefined;
    }
    let length = 0;
    let index = position;
    while (index < buffer.length && index - position < MAX_LENGTH_DIGITS + 1) {
      const byte = buffer[index];
      if (byte === SPACE) {
        return { length, start: index + 1 };
      }
      if (byte < ZERO || byte > NINE || index - position === MAX_LENGTH_DIGITS) {
        return undefined;
      }
      length = length * 10 + (byte - ZERO);
      index += 1;
    }
    return 'incomplete';
  }

  private emit(buffer: Buffer, start: number, end: number, truncated: boolean): void {
    const text = frameText(buffer, start, end);
    if (text !== '') {
      this.sink(text, truncated);
    }
  }
}
