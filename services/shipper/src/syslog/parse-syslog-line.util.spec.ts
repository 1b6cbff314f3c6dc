import { HAPROXY_POST_LINE } from './haproxy-samples.fixture';
import { parseSyslogLine } from './parse-syslog-line.util';

describe('parseSyslogLine', () => {
  const received = new Date(2026, 10, 24, 3, 0, 0);

  it('reads RFC 5424 when a VERSION follows PRI', () => {
    expect(parseSyslogLine(HAPROXY_POST_LINE, received)).toMatchObject({
      ok: true,
      value: { format: 'rfc5424', version: 1 },
    });
  });

  it('reads RFC 3164 with or without PRI', () => {
    expect(parseSyslogLine('<134>Nov 24 02:24:58 haproxy[1]: x', received)).toMatchObject({
      ok: true,
      value: { format: 'rfc3164', priority: 134 },
    });
    expect(parseSyslogLine('Nov 24 02:24:58 haproxy[1]: x', received)).toMatchObject({
      ok: true,
      value: { format: 'rfc3164' },
    });
  });

  it('says why a line is neither', () => {
    expect(parseSyslogLine('hello', received)).toEqual({ ok: false, reason: 'RFC 3164: no Mmm dd hh:mm:ss timestamp' });
    expect(parseSyslogLine('<1x>hello', received)).toEqual({ ok: false, reason: 'RFC 3164: PRI is not <number>' });
    expect(parseSyslogLine('', received)).toMatchObject({ ok: false });
  });
});
