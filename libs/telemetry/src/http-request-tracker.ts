import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A load balancer's probes: they go on while a replica drains, so they do not count as traffic. */
const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

export interface QuietWait {
  /** Wait at least this long. */
  readonly delayMs: number;
  /** Then until no request came for this long. */
  readonly quietMs: number;
  /** But no longer than this in all. */
  readonly maxMs: number;
}

/**
 * Watches the requests of an HTTP server so a draining service knows when its load balancer has stopped sending,
 * and makes every response from then on close its connection, so no keep-alive connection outlives the drain.
 */
export class HttpRequestTracker {
  private readonly inFlight = new Set<ServerResponse>();
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private draining = false;

  constructor(
    server: Server,
    private readonly now: () => number = () => performance.now(),
  ) {
    // Before the framework's listener, which may answer at once.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) =>
      this.onRequest(request, response),
    );
  }

  /** Requests (other than probes) whose response has not been sent and closed yet. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** From now on every response says `Connection: close`, also those in flight whose headers are not sent yet. */
  startDraining(): void {
    this.draining = true;
    for (const response of this.inFlight) {
      closeAfter(response);
    }
  }

  /** Resolves after `delayMs` once no request came for `quietMs`, or after `maxMs`; true when it was quiet. */
  async waitUntilQuiet(wait: QuietWait): Promise<boolean> {
    const start = this.now();
    for (;;) {
      const elapsed = this.now() - start;
      const quietFor = this.now() - this.lastRequestAt;
      if (elapsed >= wait.delayMs && quietFor >= wait.quietMs) {
        return true;
      }
      if (elapsed >= wait.maxMs) {
        return false;
      }
      const untilDelay = wait.delayMs - elapsed;
      const untilQuiet = wait.quietMs - quietFor;
      const untilMax = wait.maxMs - elapsed;
      await sleep(Math.max(5, Math.min(untilMax, Math.max(untilDelay, untilQuiet))));
    }
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    if (this.draining) {
      closeAfter(response);
    }
    if (PROBE_PATHS.has((request.url ?? '').split('?')[0])) {
      return;
    }
    this.lastRequestAt = this.now();
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) {
    // Node then sends `Connection: close` and ends the connection after this response.
    response.shouldKeepAlive = false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
