const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/**
 * The text of one syslog message, bytes `start` to `end` of `buffer`, without the trailing line feed, carriage return
 * or NUL some senders add (HAProxy ends every datagram with a line feed). Invalid UTF-8 becomes U+FFFD.
 */
export function frameText(buffer: Buffer, start: number, end: number): string {
  let last = end;
  while (last > start && (buffer[last - 1] === LF || buffer[last - 1] === CR || buffer[last - 1] === NUL)) {
    last -= 1;
  }
  return buffer.toString('utf8', start, last);
}
