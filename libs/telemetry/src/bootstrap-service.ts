import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadCoreConfig } from '@anvil/config';
import { BUS_CONNECTION, JetStreamTransport, type BusConnection } from '@anvil/bus';
import { loadDrainConfig, NO_DRAIN, type DrainConfig } from './drain.env';
import { installGracefulShutdown } from './graceful-shutdown';
import { LogOutput } from './log-sink/log-output';
import { startTelemetry, stopTelemetry } from './start-telemetry';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type<unknown>;
  port: number;
  host?: string;
  /** Start the JetStream transport for the module's `@EventPattern` handlers (needs BusModule). */
  microservice?: boolean | { params: Record<string, string> };
  /** Extra setup before listening (global pipes, filters, body limits). */
  configure?: (app: INestApplication) => void | Promise<void>;
  /**
   * Drain defaults for a service behind a load balancer (ANVIL_DRAIN_DELAY_MS and ANVIL_DRAIN_QUIET_MS override
   * them); without, the service closes at once on SIGTERM.
   */
  drain?: Pick<DrainConfig, 'delayMs' | 'quietMs'>;
}

/** Idle keep-alive connections live longer than a load balancer keeps them, so it is never the server that closes one a request is being sent on. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Creates and starts a service: telemetry first, JSON logs, graceful shutdown (SIGTERM: `/readyz` turns 503, the
 * HTTP server drains and closes, then Nest's hooks drain the bus consumers and close connections; see
 * `installGracefulShutdown`), optional bus transport, HTTP (health, metrics, API) on `port`.
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<INestApplication> {
  startTelemetry(options.service, loadCoreConfig());
  const drain = loadDrainConfig(options.drain ?? NO_DRAIN);
  const app = await NestFactory.create(options.module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // The spans and log lines still buffered are exported before the process exits; until then, logs keep flowing.
  LogOutput.keepOpenUntilExit();
  installGracefulShutdown(
    app,
    drain,
    (code) => void Promise.allSettled([stopTelemetry(), LogOutput.closeAll()]).finally(() => process.exit(code)),
  );
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  await options.configure?.(app);
  if (options.microservice) {
    const params = typeof options.microservice === 'object' ? options.microservice.params : {};
    const bus = app.get<BusConnection>(BUS_CONNECTION);
    app.connectMicroservice({ strategy: new JetStreamTransport(bus, { service: options.service, params }) });
    await app.startAllMicroservices();
  }
  await app.listen(options.port, options.host ?? '127.0.0.1');
  return app;
}

/** Runs a service's main; a startup failure (e.g. an invalid setting) is printed, naming the cause, and exits 1. */
export function runService(service: string, main: () => Promise<unknown>): void {
  // Through a promise, so a setting that throws while the arguments are built is reported the same way.
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `${JSON.stringify({ '@timestamp': new Date().toISOString(), 'log.level': 'fatal', 'service.name': service, message: `${service} failed to start: ${message}` })}\n`,
      );
      process.exit(1);
    });
}
