import pino, { type Logger } from 'pino';
import { trace } from '@opentelemetry/api';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** pino JSON logger with ECS-style names: `service.name`, `log.level`, `trace.id`, `span.id`. */
export function createLogger(serviceName: string, level: LogLevel = 'info'): Logger {
  return pino({
    level,
    base: { 'service.name': serviceName },
    messageKey: 'message',
    timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ 'log.level': label }) },
    mixin: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { 'trace.id': context.traceId, 'span.id': context.spanId } : {};
    },
  });
}
