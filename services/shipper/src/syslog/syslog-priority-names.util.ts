// RFC 5424 section 6.2.1, names as syslog(3) and rsyslog spell them.
const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clock',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;
const SEVERITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'] as const;
// The services' `log.level` (pino's names), so one filter finds errors from HAProxy and from the services alike.
const LEVELS = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'] as const;

/**
 * Names of a PRI value (0–191): facility and severity as syslog spells them, and the matching pino level; e.g. 134 →
 * `local0`, `informational`, `info`; 129 → `local0`, `alert`, `fatal`.
 */
export function syslogPriorityNames(priority: number): { facility: string; severity: string; level: string } {
  const severity = priority & 7;
  return {
    facility: FACILITIES[priority >> 3] ?? String(priority >> 3),
    severity: SEVERITIES[severity],
    level: LEVELS[severity],
  };
}
