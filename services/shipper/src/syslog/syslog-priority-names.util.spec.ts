import { syslogPriorityNames } from './syslog-priority-names.util';

describe('syslogPriorityNames', () => {
  it.each([
    [134, 'local0', 'informational', 'info'],
    [129, 'local0', 'alert', 'fatal'],
    [34, 'auth', 'critical', 'fatal'],
    [0, 'kern', 'emergency', 'fatal'],
    [11, 'user', 'error', 'error'],
    [12, 'user', 'warning', 'warn'],
    [13, 'user', 'notice', 'info'],
    [191, 'local7', 'debug', 'debug'],
  ])('names PRI %i: %s.%s, level %s', (priority, facility, severity, level) => {
    expect(syslogPriorityNames(priority)).toEqual({ facility, severity, level });
  });
});
