import pino, { type DestinationStream } from 'pino';

/**
 * What pino writes to when given no destination: stdout through sonic-boom (flushed at exit), or `process.stdout`
 * itself when something has replaced its `write`.
 */
export function stdoutDestination(): DestinationStream {
  const prototype = Object.getPrototypeOf(process.stdout) as { write?: unknown } | null;
  const tampered = prototype?.write !== undefined && process.stdout.write !== prototype.write;
  return tampered ? process.stdout : pino.destination(process.stdout.fd ?? 1);
}
