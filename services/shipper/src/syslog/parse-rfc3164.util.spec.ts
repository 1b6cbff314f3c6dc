import { parseRfc3164 } from './parse-rfc3164.util';
import type { SyslogMessage } from './syslog-message.type';

// RFC 3164 timestamps are local time: expectations are built with the local-time Date constructor too.
const RECEIVED = new Date(2026, 10, 24, 2, 25, 0);

function parsed(line: string, receivedAt = RECEIVED): SyslogMessage {
  const result = parseRfc3164(line, receivedAt);
  if (!result.ok) {
    throw new Error(`expected ${line} to parse: ${result.reason}`);
  }
  return result.value;
}

function reason(line: string): string {
  const result = parseRfc3164(line, RECEIVED);
  if (result.ok) {
    throw new Error(`expected ${line} to be refused`);
  }
  return result.reason;
}

describe('parseRfc3164', () => {
  describe('the examples of RFC 3164 section 5.4', () => {
    it('reads example 1: host, tag, message', () => {
      expect(
        parsed(
          "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
          new Date(2003, 9, 11, 22, 14, 20),
        ),
      ).toEqual({
        format: 'rfc3164',
        priority: 34,
        timestamp: new Date(2003, 9, 11, 22, 14, 15),
        hostname: 'mymachine',
        appName: 'su',
        message: "'su root' failed for lonvick on /dev/pts/8",
      });
    });

    it('refuses example 2, which has no header at all', () => {
      expect(reason('Use the BFG!')).toMatch(/timestamp/);
    });

    it('reads example 3 as far as it is valid: the host is "CST", the rest is the message', () => {
      expect(
        parsed(
          "<165>Aug 24 05:34:00 CST 1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jags=OK Apple=OK, Bake=MIN; Cooking=FAILED",
          new Date(1987, 7, 24, 5, 34, 1),
        ),
      ).toMatchObject({
        priority: 165,
        timestamp: new Date(1987, 7, 24, 5, 34, 0),
        hostname: 'CST',
        message:
          "1987 mymachine myproc[10]: %% It's time to make the do-nuts.  %%  Ingredients: Mix=OK, Jags=OK Apple=OK, Bake=MIN; Cooking=FAILED",
      });
    });

    it('refuses example 4, whose timestamp starts with a year', () => {
      expect(
        reason("<0>1990 Oct 22 10:52:01 TZ-6 scapegoat.dmz.example.org 10.1.2.3 sched[0]: That's All Folks!"),
      ).toMatch(/timestamp/);
    });

    it('reads a space-padded day (example 3 of section 4.3)', () => {
      expect(parsed('<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!', new Date(2026, 1, 5, 17, 33))).toMatchObject({
        timestamp: new Date(2026, 1, 5, 17, 32, 18),
        hostname: '10.0.0.99',
        message: 'Use the BFG!',
      });
    });
  });

  describe('HAProxy (format rfc3164)', () => {
    it('reads a line with the host', () => {
      expect(parsed('<134>Nov 24 02:24:58 localhost haproxy[19182]: {"status":200}\n')).toEqual({
        format: 'rfc3164',
        priority: 134,
        timestamp: new Date(2026, 10, 24, 2, 24, 58),
        hostname: 'localhost',
        appName: 'haproxy',
        procId: '19182',
        message: '{"status":200}',
      });
    });

    it('reads a line without a host: the first word is the tag', () => {
      expect(parsed('<134>Nov 24 02:24:58 haproxy[19182]: {"status":200}')).toMatchObject({
        appName: 'haproxy',
        procId: '19182',
        message: '{"status":200}',
      });
      expect(parsed('<134>Nov 24 02:24:58 haproxy[19182]: x').hostname).toBeUndefined();
    });

    it('reads a line without PRI', () => {
      const value = parsed('Nov 24 02:24:58 lb-1 haproxy[7]: hello');
      expect(value).toMatchObject({ hostname: 'lb-1', appName: 'haproxy', procId: '7', message: 'hello' });
      expect(value.priority).toBeUndefined();
    });
  });

  describe('timestamp', () => {
    it('infers the year closest to the time received, across new year', () => {
      expect(parsed('<13>Dec 31 23:59:58 h t: x', new Date(2027, 0, 1, 0, 0, 5)).timestamp).toEqual(
        new Date(2026, 11, 31, 23, 59, 58),
      );
      expect(parsed('<13>Jan  1 00:00:01 h t: x', new Date(2026, 11, 31, 23, 59, 59)).timestamp).toEqual(
        new Date(2027, 0, 1, 0, 0, 1),
      );
    });

    it('puts Feb 29 in the nearest leap year', () => {
      expect(parsed('<13>Feb 29 12:00:00 h t: x', new Date(2025, 2, 1)).timestamp).toEqual(new Date(2024, 1, 29, 12));
    });

    it('reads a fraction of a second and an unpadded day', () => {
      expect(parsed('<13>Nov 4 02:24:58.123456 h t: x').timestamp).toEqual(new Date(2026, 10, 4, 2, 24, 58, 123));
    });

    it.each([
      ['<13>Foo 24 02:24:58 h t: x', /timestamp/],
      ['<13>Nov 32 02:24:58 h t: x', /timestamp/],
      ['<13>Nov 24 24:00:00 h t: x', /timestamp/],
      ['<13>Nov 24 02:61:00 h t: x', /timestamp/],
      ['<13>Nov 24 02:24:5 h t: x', /timestamp/],
      ['<13>Nov 24 02:24:58h t: x', /space after/],
      ['<13>Nov 24', /timestamp/],
      ['<300>Nov 24 02:24:58 h t: x', /over 191/],
    ])('refuses %s', (line, expected) => {
      expect(reason(line)).toMatch(expected);
    });
  });

  describe('host and tag', () => {
    it('reads a tag without pid after the host', () => {
      expect(parsed('<13>Nov 24 02:24:58 host cron: job done')).toMatchObject({
        hostname: 'host',
        appName: 'cron',
        message: 'job done',
      });
    });

    it('reads a tag with pid but no colon', () => {
      expect(parsed('<13>Nov 24 02:24:58 host app[12] rest')).toMatchObject({
        hostname: 'host',
        appName: 'app',
        procId: '12',
        message: 'rest',
      });
    });

    it('keeps an empty message', () => {
      expect(parsed('<13>Nov 24 02:24:58 host app:').message).toBe('');
      expect(parsed('<13>Nov 24 02:24:58').message).toBe('');
    });
  });
});
