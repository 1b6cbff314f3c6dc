import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadWebDist } from './load-web-dist.util';
import { webAppMiddleware } from './web-app.middleware';

/**
 * Serves the web UI's build in `dir` at `/` (read once, now). Must run before the app's routes are registered
 * (`app.init()`), so the UI's paths never reach the API's guards.
 */
export function installWebApp(app: NestExpressApplication, dir: string): void {
  const dist = loadWebDist(dir);
  if (!dist.index) {
    new Logger('WebApp').warn(`web UI not built: ${dir} has no index.html; / answers 503 (npm run build builds it)`);
  }
  app.use(webAppMiddleware(dist));
}
