import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CoreConfigModule, loadCoreConfig } from '@anvil/config';
import { createLogger } from './create-logger';

/** Also provides `CORE_CONFIG` (CoreConfigModule) to the whole app. nestjs-pino wired to `createLogger`: one JSON line per log and per HTTP request, with the request id. */
export class LoggingModule {
  static forRoot(serviceName: string): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        CoreConfigModule,
        // Async, so a bad setting is read while the app starts (and reported by `runService` in one line),
        // not when the module file is imported.
        LoggerModule.forRootAsync({
          useFactory: () => ({
            pinoHttp: {
              logger: createLogger(serviceName, loadCoreConfig().logLevel),
              // The edge (HAProxy) sets X-Request-ID; keep it, or make one for direct calls.
              genReqId: (req, res) => {
                const header = req.headers['x-request-id'];
                const id = typeof header === 'string' && header !== '' ? header : randomUUID();
                res.setHeader('X-Request-ID', id);
                return id;
              },
              customAttributeKeys: { reqId: 'http.request.id' },
              autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
            },
          }),
        }),
      ],
      exports: [LoggerModule, CoreConfigModule],
    };
  }
}
