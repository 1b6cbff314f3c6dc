import { randomUUID } from 'node:crypto';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CoreConfigModule, loadCoreConfig } from '@anvil/config';
import { loadAccessLogEnabled } from './access-log/access-log.env';
import { AccessLogInstaller } from './access-log/access-log.installer';
import { createLogger } from './create-logger';
import { LogOutput } from './log-sink/log-output';
import { loadLogSinkSettings } from './log-sink/log-sink.env';

export interface LoggingModuleOptions {
  /**
   * One access line per HTTP request (`event.dataset` `<service>.access`), to stdout and `anvil.access.<service>`
   * (the gateway). ANVIL_ACCESS_LOG=false turns it off again.
   */
  readonly accessLog?: boolean;
  /** Where the lines go instead of stdout (tests). */
  readonly stdout?: DestinationStream;
}

const LOG_OUTPUT = Symbol('LOG_OUTPUT');

/**
 * Also provides `CORE_CONFIG` (CoreConfigModule) to the whole app. nestjs-pino wired to `createLogger`: JSON lines
 * to stdout and, batched in the background, to `anvil.log.<service>` (ANVIL_LOG_TO_BUS); lines logged while a
 * request is handled carry its `http.request.id`. With `accessLog`, one access line per request.
 */
@Module({})
export class LoggingModule implements OnApplicationShutdown {
  constructor(@Inject(LOG_OUTPUT) private readonly output: LogOutput) {}

  static forRoot(serviceName: string, options: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        CoreConfigModule,
        // Async, so a bad setting is read while the app starts (and reported by `runService` in one line),
        // not when the module file is imported.
        LoggerModule.forRootAsync({
          inject: [LOG_OUTPUT],
          useFactory: (output: LogOutput) => ({
            pinoHttp: {
              logger: createLogger(serviceName, loadCoreConfig().logLevel, output.destination),
              // The edge (HAProxy) sets X-Request-ID; keep it, or make one for direct calls.
              genReqId: (req, res) => {
                const header = req.headers['x-request-id'];
                const id = typeof header === 'string' && header !== '' ? header : randomUUID();
                res.setHeader('X-Request-ID', id);
                return id;
              },
              customAttributeKeys: { reqId: 'http.request.id' },
              // Lines logged during a request carry its `http.request.id`, not the whole request (the access line
              // describes it, once); pino-http's own request lines are off, the access log writes them.
              quietReqLogger: true,
              quietResLogger: true,
              autoLogging: false,
            },
          }),
        }),
      ],
      providers: [
        {
          provide: LOG_OUTPUT,
          useFactory: () => {
            const core = loadCoreConfig();
            return new LogOutput({
              service: serviceName,
              accessLog: options.accessLog === true && loadAccessLogEnabled(),
              settings: loadLogSinkSettings(),
              nats: { url: core.natsUrl, namespace: core.namespace },
              stdout: options.stdout,
            });
          },
        },
        {
          provide: AccessLogInstaller,
          inject: [HttpAdapterHost, LOG_OUTPUT],
          useFactory: (adapterHost: HttpAdapterHost, output: LogOutput) =>
            new AccessLogInstaller(
              adapterHost,
              // Its own logger at `info`: access lines do not depend on ANVIL_LOG_LEVEL.
              output.accessDestination && createLogger(serviceName, 'info', output.accessDestination),
              serviceName,
            ),
        },
      ],
      exports: [LoggerModule, CoreConfigModule, LOG_OUTPUT],
    };
  }

  /** Publishes the lines still held, unless the process does so just before it exits (`bootstrapService`). */
  async onApplicationShutdown(): Promise<void> {
    if (!LogOutput.keptOpenUntilExit) {
      await this.output.close();
    }
  }
}
