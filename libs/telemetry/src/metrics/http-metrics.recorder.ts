import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Histogram, type Registry } from 'prom-client';
import { httpRouteOf } from '../tracing/http-route.util';
import { requestPath } from '../tracing/request-path.util';
import { UNTRACED_PATHS } from '../tracing/untraced-paths.constant';
import { METRICS_REGISTRY } from './metrics.constants';

/** Label of requests no route matched (404s, errors before routing): raw URLs would be unbounded label values. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * `anvil_http_request_duration_seconds{method, route, status_code}`: every response the HTTP server sends, from
 * the request's arrival to the last byte handed to the OS, by route template. Probes and scrapes are left out.
 */
@Injectable()
export class HttpMetricsRecorder implements OnApplicationBootstrap {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.duration = new Histogram({
      name: 'anvil_http_request_duration_seconds',
      help: 'HTTP responses by method, route template and status code, and how long they took (seconds).',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Before the framework's listener, so the time includes everything Express does.
    server?.prependListener('request', (request: IncomingMessage, response: ServerResponse) =>
      this.onRequest(request, response),
    );
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    if (UNTRACED_PATHS.has(requestPath(request.url))) {
      return;
    }
    const started = performance.now();
    response.once('finish', () => {
      this.duration.observe(
        {
          method: request.method ?? '',
          route: httpRouteOf(request) ?? UNMATCHED_ROUTE,
          status_code: String(response.statusCode),
        },
        (performance.now() - started) / 1000,
      );
    });
  }
}
