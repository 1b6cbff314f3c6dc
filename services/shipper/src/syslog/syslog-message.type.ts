/** One syslog message, RFC 5424 or RFC 3164, as parsed; a nil value (`-`) or a part a format lacks is undefined. */
export interface SyslogMessage {
  readonly format: 'rfc5424' | 'rfc3164';
  /** PRI: facility × 8 + severity; undefined for an RFC 3164 message sent without one. */
  readonly priority?: number;
  /** RFC 5424's VERSION (1). */
  readonly version?: number;
  readonly timestamp?: Date;
  readonly hostname?: string;
  /** RFC 5424's APP-NAME, RFC 3164's TAG. */
  readonly appName?: string;
  /** RFC 5424's PROCID, RFC 3164's `[pid]`. */
  readonly procId?: string;
  readonly msgId?: string;
  /** RFC 5424's STRUCTURED-DATA: parameters by SD-ID, values unescaped. */
  readonly structuredData?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** MSG, without a leading byte order mark; empty when the message has none. */
  readonly message: string;
}
