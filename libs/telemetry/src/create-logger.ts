import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { trace } from '@opentelemetry/api';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * pino JSON logger with ECS-style names: `service.name`, `log.level`, `trace.id`, `span.id`. Writes to stdout
 * (pino's default) unless given a `destination`; `LoggingModule` gives it a `LogOutput`'s, which writes to stdout
 * and ships the same lines to `anvil.log.<service>`.
 */
export function createLogger(serviceName: string, level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    // Request lines carry the headers: credentials must not reach the logs (or OpenSearch).
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["proxy-authorization"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    base: { 'service.name': serviceName },
    messageKey: 'message',
    timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ 'log.level': label }) },
    mixin: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { 'trace.id': context.traceId, 'span.id': context.spanId } : {};
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
