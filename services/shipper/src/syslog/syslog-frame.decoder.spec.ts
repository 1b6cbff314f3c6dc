import fc from 'fast-check';
import { SyslogFrameDecoder } from './syslog-frame.decoder';

interface Delivered {
  message: string;
  truncated: boolean;
}

function decoder(max = 64): { decoder: SyslogFrameDecoder; delivered: Delivered[] } {
  const delivered: Delivered[] = [];
  return {
    decoder: new SyslogFrameDecoder(max, (message, truncated) => delivered.push({ message, truncated })),
    delivered,
  };
}

const octet = (message: string): string => `${Buffer.byteLength(message)} ${message}`;
const messages = (delivered: Delivered[]): string[] => delivered.map((d) => d.message);

/** Feeds `stream` cut at `cuts` (byte offsets). */
function feed(target: SyslogFrameDecoder, stream: Buffer, cuts: number[]): void {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    target.push(stream.subarray(start, cut));
    start = cut;
  }
  target.push(stream.subarray(start));
}

describe(SyslogFrameDecoder.name, () => {
  describe('octet counting', () => {
    it('delivers each frame of one chunk', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from(octet('<134>1 - - - - - - a') + octet('<134>1 - - - - - - bb')));
      expect(delivered).toEqual([
        { message: '<134>1 - - - - - - a', truncated: false },
        { message: '<134>1 - - - - - - bb', truncated: false },
      ]);
    });

    it('waits for the rest of a frame split anywhere, the length itself included', () => {
      const stream = Buffer.from(octet('<134>1 first é') + octet('<134>1 second'));
      for (let cut = 1; cut < stream.length; cut += 1) {
        const { decoder: d, delivered } = decoder();
        feed(d, stream, [cut]);
        expect(messages(delivered)).toEqual(['<134>1 first é', '<134>1 second']);
      }
    });

    it('counts bytes, not characters, across a multi-byte character cut between chunks', () => {
      const { decoder: d, delivered } = decoder();
      const stream = Buffer.from(octet('<134>1 ünïcødé ✓') + octet('x'));
      feed(d, stream, [stream.indexOf('✓') + 1]);
      expect(messages(delivered)).toEqual(['<134>1 ünïcødé ✓', 'x']);
    });

    it('drops a line feed a sender adds at the end of a frame or between frames', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('5 abcd\n\n3 xyz\n'));
      expect(messages(delivered)).toEqual(['abcd', 'xyz']);
    });
  });

  describe('newline framing', () => {
    it('delivers each line, without its carriage return', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('<134>Nov 24 02:16:21 a\r\n<134>Nov 24 02:16:22 b\n'));
      expect(messages(delivered)).toEqual(['<134>Nov 24 02:16:21 a', '<134>Nov 24 02:16:22 b']);
    });

    it('holds a line until its line feed comes', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('<13>1 - - - - - - par'));
      expect(delivered).toEqual([]);
      d.push(Buffer.from('tial\n'));
      expect(messages(delivered)).toEqual(['<13>1 - - - - - - partial']);
    });

    it('skips empty lines', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('\n\r\n<13>a\n\n'));
      expect(messages(delivered)).toEqual(['<13>a']);
    });

    it('takes a line that starts with digits not followed by a space for a newline-framed message', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('2024-01-01 is a date\n12ab\n'));
      expect(messages(delivered)).toEqual(['2024-01-01 is a date', '12ab']);
    });
  });

  describe('mixed framing', () => {
    it('decides the framing of each frame on its own', () => {
      const { decoder: d, delivered } = decoder();
      const stream = Buffer.from(`${octet('<1>1 one')}<2>two\n${octet('<3>1 three\nwith a line feed')}<4>four\n`);
      for (let cut = 1; cut < stream.length; cut += 7) {
        delivered.length = 0;
        feed(d, stream, [cut]);
        expect(messages(delivered)).toEqual(['<1>1 one', '<2>two', '<3>1 three\nwith a line feed', '<4>four']);
      }
    });
  });

  describe('oversized frames', () => {
    it('cuts an octet-counted frame at the limit, flags it, and skips the rest of it', () => {
      const { decoder: d, delivered } = decoder(10);
      d.push(Buffer.from(`${octet('0123456789ABCDEF')}${octet('next')}`));
      expect(delivered).toEqual([
        { message: '0123456789', truncated: true },
        { message: 'next', truncated: false },
      ]);
    });

    it('skips the rest of a cut octet-counted frame across chunks', () => {
      const { decoder: d, delivered } = decoder(10);
      const stream = Buffer.from(`${octet('x'.repeat(100))}${octet('after')}`);
      feed(d, stream, [5, 20, 60, 101]);
      expect(delivered).toEqual([
        { message: 'x'.repeat(10), truncated: true },
        { message: 'after', truncated: false },
      ]);
    });

    it('cuts a newline-framed message at the limit, flags it, and skips to its line feed', () => {
      const { decoder: d, delivered } = decoder(10);
      feed(d, Buffer.from(`${'y'.repeat(35)}\nshort\n`), [4, 12, 30]);
      expect(delivered).toEqual([
        { message: 'y'.repeat(10), truncated: true },
        { message: 'short', truncated: false },
      ]);
    });

    it('holds no more than the limit and a chunk, whatever comes', () => {
      const { decoder: d } = decoder(1024);
      for (let i = 0; i < 100; i += 1) {
        d.push(Buffer.alloc(500, 0x41));
        expect(d.heldBytes).toBeLessThanOrEqual(1024 + 500);
      }
    });
  });

  describe('end', () => {
    it('delivers a last line without its line feed', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('<13>a\n<13>b'));
      d.end();
      expect(messages(delivered)).toEqual(['<13>a', '<13>b']);
    });

    it('delivers an incomplete octet-counted frame flagged as cut', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('20 <13>1 - - - -'));
      d.end();
      expect(delivered).toEqual([{ message: '<13>1 - - - -', truncated: true }]);
    });

    it('delivers nothing twice', () => {
      const { decoder: d, delivered } = decoder();
      d.push(Buffer.from('<13>a'));
      d.end();
      d.end();
      expect(messages(delivered)).toEqual(['<13>a']);
    });
  });

  describe('garbage', () => {
    it('survives any bytes cut anywhere, delivering messages no longer than the limit', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(400)), (bytes, cuts) => {
          const { decoder: d, delivered } = decoder(32);
          const stream = Buffer.from(bytes);
          feed(
            d,
            stream,
            cuts.map((cut) => Math.min(cut, stream.length)),
          );
          d.end();
          for (const { message } of delivered) {
            expect(Buffer.byteLength(message)).toBeLessThanOrEqual(32 * 3);
            expect(message).not.toBe('');
          }
          expect(d.heldBytes).toBe(0);
        }),
      );
    });

    it('frames the same messages however the stream is cut', () => {
      const frame = fc.oneof(
        fc
          .string({ unit: 'binary', minLength: 1, maxLength: 40 })
          .map((m) => ({ bytes: octet(`<1>${m}`), message: `<1>${m}` })),
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((m) => !m.includes('\n') && !m.includes('\r') && !m.includes('\0'))
          .map((m) => ({ bytes: `<2>${m}\n`, message: `<2>${m}` })),
      );
      fc.assert(
        fc.property(fc.array(frame, { maxLength: 10 }), fc.array(fc.nat(600)), (frames, cuts) => {
          const { decoder: d, delivered } = decoder(4096);
          const stream = Buffer.from(frames.map((f) => f.bytes).join(''));
          feed(
            d,
            stream,
            cuts.map((cut) => Math.min(cut, stream.length)),
          );
          d.end();
          const expected = frames.map((f) => f.message.replace(/[\r\n\0]+$/, '')).filter((m) => m !== '');
          expect(messages(delivered)).toEqual(expected);
        }),
      );
    });
  });
});
