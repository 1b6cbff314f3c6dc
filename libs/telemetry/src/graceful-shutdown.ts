import type { Server } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import type { DrainConfig } from './drain.env';
import { HttpRequestTracker } from './http-request-tracker';
import { ReadinessService } from './readiness.service';

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the service cleanly on SIGTERM or SIGINT, in place of Nest's `enableShutdownHooks` (which closes the HTTP
 * server at once):
 * 1. `/readyz` answers 503 and every response closes its connection; requests are still served;
 * 2. it waits `delayMs`, then until no request came for `quietMs` (the load balancer has stopped sending), at most
 *    half of `timeoutMs`;
 * 3. it closes the HTTP server: idle connections at once, the others after their request;
 * 4. `app.close()`: Nest's shutdown hooks (bus consumers drain, connections close);
 * 5. exit code 0 — or 1 if this took longer than `timeoutMs` or failed. A second signal changes nothing.
 * Call after `listen`-ready setup, before `listen`.
 */
export function installGracefulShutdown(
  app: INestApplication,
  config: DrainConfig,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const logger = new Logger('Shutdown');
  const server = app.getHttpServer() as Server;
  const tracker = new HttpRequestTracker(server);
  const readiness = app.get(ReadinessService, { strict: false });
  let stopping = false;

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    readiness.setDraining();
    tracker.startDraining();
    logger.log(
      { signal, delayMs: config.delayMs, quietMs: config.quietMs, inFlight: tracker.inFlightCount },
      'draining',
    );
    const started = performance.now();
    const quiet = await tracker.waitUntilQuiet({ ...config, maxMs: config.timeoutMs / 2 });
    logger.log(
      { waitedMs: Math.round(performance.now() - started), quiet, inFlight: tracker.inFlightCount },
      quiet ? 'drained: no request any more, closing the HTTP server' : 'still getting requests, closing anyway',
    );
    await closeServer(server);
    await app.close();
    logger.log({ tookMs: Math.round(performance.now() - started) }, 'stopped');
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    const bound = setTimeout(() => {
      logger.error({ timeoutMs: config.timeoutMs }, 'shutdown took longer than ANVIL_SHUTDOWN_TIMEOUT_MS: exiting');
      exit(1);
    }, config.timeoutMs);
    stop(signal).then(
      () => {
        clearTimeout(bound);
        exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, onSignal);
  }
}

/** Stops accepting, closes idle keep-alive connections, resolves once the last request's connection closed. */
function closeServer(server: Server): Promise<void> {
  if (!server.listening) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
