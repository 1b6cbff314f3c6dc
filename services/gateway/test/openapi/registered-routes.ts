import type { NestExpressApplication } from '@nestjs/platform-express';

export interface RegisteredRoute {
  method: string;
  /** In OpenAPI notation: `/api/v1/tests/{id}`. */
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * The routes Express holds under `prefix` (Nest registered its controllers' routes there at init), as
 * `GET /api/v1/tests/{id}`: what the OpenAPI document must describe.
 */
export function registeredRoutes(app: NestExpressApplication, prefix: string): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack.flatMap((layer) => {
    const route = layer.route;
    if (!route || !route.path.startsWith(prefix)) {
      return [];
    }
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    return Object.keys(route.methods)
      .filter((method) => route.methods[method])
      .map((method) => ({ method: method.toUpperCase(), path }));
  });
}
