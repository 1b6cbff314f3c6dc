import type { Server } from 'node:http';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from 'pino';
import { installAccessLog } from './access-log.listener';

/** Starts the access log on the Nest app's HTTP server once the app is initialized (see `installAccessLog`). */
export class AccessLogInstaller implements OnApplicationBootstrap, OnApplicationShutdown {
  private uninstall: (() => void) | undefined;

  /** `logger` undefined: the access log is off (ANVIL_ACCESS_LOG=false). */
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: Logger | undefined,
    private readonly service: string,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (this.logger !== undefined && server !== undefined && this.uninstall === undefined) {
      this.uninstall = installAccessLog(server, this.logger, this.service);
    }
  }

  onApplicationShutdown(): void {
    this.uninstall?.();
    this.uninstall = undefined;
  }
}
