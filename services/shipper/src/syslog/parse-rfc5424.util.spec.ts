import { HAPROXY_POST_LINE, HAPROXY_SERVER_DOWN_LINE } from './haproxy-samples.fixture';
import { parseRfc5424 } from './parse-rfc5424.util';
import type { SyslogParseResult } from './syslog-parse-result.type';

function parsed(line: string): Exclude<SyslogParseResult, { ok: false }>['value'] {
  const result = parseRfc5424(line);
  if (!result.ok) {
    throw new Error(`expected ${line} to parse: ${result.reason}`);
  }
  return result.value;
}

function reason(line: string): string {
  const result = parseRfc5424(line);
  if (result.ok) {
    throw new Error(`expected ${line} to be refused`);
  }
  return result.reason;
}

describe('parseRfc5424', () => {
  describe('the examples of RFC 5424 section 6.5', () => {
    it('reads example 1: no structured data, a BOM before MSG', () => {
      expect(
        parsed(
          "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
        ),
      ).toEqual({
        format: 'rfc5424',
        priority: 34,
        version: 1,
        timestamp: new Date('2003-10-11T22:14:15.003Z'),
        hostname: 'mymachine.example.com',
        appName: 'su',
        msgId: 'ID47',
        message: "'su root' failed for lonvick on /dev/pts/8",
      });
    });

    it('reads example 2: microseconds and a negative offset', () => {
      expect(
        parsed("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts."),
      ).toEqual({
        format: 'rfc5424',
        priority: 165,
        version: 1,
        timestamp: new Date('2003-08-24T12:14:15.000Z'),
        hostname: '192.0.2.1',
        appName: 'myproc',
        procId: '8710',
        message: "%% It's time to make the do-nuts.",
      });
    });

    it('reads example 3: one SD-ELEMENT and a message', () => {
      const value = parsed(
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...',
      );
      expect(value.structuredData).toEqual({
        'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
      });
      expect(value.message).toBe('An application event log entry...');
      expect(value.procId).toBeUndefined();
    });

    it('reads example 4: two SD-ELEMENTs and no message', () => {
      const value = parsed(
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
      );
      expect(value.structuredData).toEqual({
        'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' },
        'examplePriority@32473': { class: 'high' },
      });
      expect(value.message).toBe('');
    });
  });

  describe('HAProxy', () => {
    it('reads an access line: no hostname, the JSON message whole', () => {
      const value = parsed(HAPROXY_POST_LINE);
      expect(value).toMatchObject({
        priority: 134,
        version: 1,
        timestamp: new Date('2026-11-24T02:16:21.830Z'),
        appName: 'haproxy',
        procId: '11880',
      });
      expect(value.hostname).toBeUndefined();
      expect(value.msgId).toBeUndefined();
      expect(value.structuredData).toBeUndefined();
      expect(JSON.parse(value.message)).toMatchObject({ request_id: 'req-123', status: 200 });
    });

    it('reads one of its own messages', () => {
      expect(parsed(HAPROXY_SERVER_DOWN_LINE)).toMatchObject({
        priority: 129,
        message: expect.stringMatching(/^Server gateways\/gateway-b is DOWN/),
      });
    });

    it('drops the line feed HAProxy ends a datagram with', () => {
      expect(parsed('<134>1 - - haproxy 1 - - {"a":1}\n').message).toBe('{"a":1}');
    });
  });

  describe('structured data', () => {
    it('unescapes \\", \\\\ and \\] in values and keeps any other backslash', () => {
      const value = parsed('<13>1 - h a - - [x@1 q="say \\"hi\\"" b="back\\\\slash" c="a\\]b" d="C:\\dir\\n"] m');
      expect(value.structuredData).toEqual({ 'x@1': { q: 'say "hi"', b: 'back\\slash', c: 'a]b', d: 'C:\\dir\\n' } });
      expect(value.message).toBe('m');
    });

    it('keeps a ] and spaces inside a quoted value', () => {
      expect(parsed('<13>1 - - - - - [a b="x ] y"]').structuredData).toEqual({ a: { b: 'x ] y' } });
    });

    it('takes an SD-ID or PARAM-NAME of __proto__ as a plain name', () => {
      const data = parsed('<13>1 - - - - - [__proto__ __proto__="v"]').structuredData;
      expect(Object.keys(data ?? {})).toEqual(['__proto__']);
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });

    it('refuses structured data without its closing quote or bracket', () => {
      expect(reason('<13>1 - - - - - [a b="open]')).toMatch(/closing quote/);
      expect(reason('<13>1 - - - - - [a b="x"')).toMatch(/closing \]/);
      expect(reason('<13>1 - - - - - [a b=x]')).toMatch(/NAME="VALUE"/);
      expect(reason('<13>1 - - - - - []')).toMatch(/SD-ID is empty/);
      expect(reason('<13>1 - - - - - {x}')).toMatch(/neither/);
      expect(reason('<13>1 - - - - - [a]x')).toMatch(/no space/);
    });
  });

  describe('header', () => {
    it('reads all nil values as absent', () => {
      expect(parsed('<0>1 - - - - - -')).toEqual({ format: 'rfc5424', priority: 0, version: 1, message: '' });
    });

    it('refuses a line that is not RFC 5424', () => {
      expect(reason('no pri')).toMatch(/no <PRI>/);
      expect(reason('<192>1 - - - - - -')).toMatch(/over 191/);
      expect(reason('<1a>1 - - - - - -')).toMatch(/PRI/);
      expect(reason('<1234>1 - - - - - -')).toMatch(/PRI/);
      expect(reason('<13>0 - - - - - -')).toMatch(/VERSION/);
      expect(reason('<13>Oct 11 22:14:15 host su: x')).toMatch(/VERSION/);
      expect(reason('<13>1 - host app')).toMatch(/before MSGID/);
      expect(reason('<13>1 2003-10-11 h a p m - x')).toMatch(/TIMESTAMP/);
    });
  });
});
