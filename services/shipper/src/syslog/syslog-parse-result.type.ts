import type { SyslogMessage } from './syslog-message.type';

/** A parser's answer: the message, or why the line is not one (never an exception: lines come from the network). */
export type SyslogParseResult =
  { readonly ok: true; readonly value: SyslogMessage } | { readonly ok: false; readonly reason: string };
