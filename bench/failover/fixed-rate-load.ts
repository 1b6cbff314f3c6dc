import { Agent, request, type IncomingMessage } from 'node:http';
import type { PlannedRequest, RequestKind } from './request-mix';

/** How one request ended. `latencyMs` runs from the moment it was due (not sent), so client-side queueing counts. */
export interface RequestOutcome {
  readonly kind: RequestKind;
  /** Seconds since the load started, when the request was due. */
  readonly dueAtS: number;
  readonly latencyMs: number;
  /** HTTP status, or null when there was none (socket error, timeout). */
  readonly status: number | null;
  /** `ECONNRESET`, `timeout`, … when there was no response. */
  readonly error: string | null;
  readonly ok: boolean;
  /** Times the client sent it again because the API asked it to (409 IDEMPOTENCY_KEY_IN_PROGRESS, Retry-After). */
  readonly clientRetries: number;
  /** The start of the body of an unexpected response, to read what went wrong. */
  readonly body?: string;
}

export interface FixedRateLoadOptions {
  readonly baseUrl: string;
  /** Requests per second, sent whether or not earlier ones have been answered (an open loop). */
  readonly rate: number;
  /** A request without its final answer this long after it was due counts as a timeout. */
  readonly timeoutMs: number;
  readonly plan: (i: number) => PlannedRequest;
}

interface Answer {
  status: number;
  body: string;
  retryAfterS: number | null;
}

const TICK_MS = 2;
const MAX_BODY_SHOWN = 300;
/** The gateway's answer to a request whose Idempotency-Key belongs to one still running: retry after Retry-After. */
const IN_PROGRESS_CODE = 'IDEMPOTENCY_KEY_IN_PROGRESS';

/**
 * A fixed-rate HTTP load on keep-alive connections, like a busy API client. It behaves as the API asks clients to:
 * a 409 IDEMPOTENCY_KEY_IN_PROGRESS is sent again with the same key after its Retry-After, within the deadline.
 * Idle connections are closed by the client after 4 s, before HAProxy's `timeout http-keep-alive` (10 s) could close
 * one under a new request.
 */
export class FixedRateLoad {
  readonly outcomes: RequestOutcome[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private sent = 0;
  private inFlight = 0;

  constructor(private readonly options: FixedRateLoadOptions) {}

  start(): void {
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.sendDue(), TICK_MS);
  }

  /** Seconds since `start()`. */
  get elapsedS(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Stops sending and waits for every request in flight to end (each is bounded by `timeoutMs`). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.inFlight > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.agent.destroy();
  }

  private sendDue(): void {
    const intervalMs = 1000 / this.options.rate;
    const now = performance.now();
    while (this.startedAt + this.sent * intervalMs <= now) {
      const dueAt = this.startedAt + this.sent * intervalMs;
      void this.run(this.options.plan(this.sent), dueAt);
      this.sent += 1;
    }
  }

  private async run(planned: PlannedRequest, dueAt: number): Promise<void> {
    this.inFlight += 1;
    const deadline = dueAt + this.options.timeoutMs;
    let clientRetries = 0;
    let status: number | null = null;
    let error: string | null = null;
    let body = '';
    for (;;) {
      try {
        const answer = await this.send(planned, deadline - performance.now());
        status = answer.status;
        body = answer.body;
        const waitMs = (answer.retryAfterS ?? 1) * 1000;
        if (status !== 409 || !body.includes(IN_PROGRESS_CODE) || performance.now() + waitMs >= deadline) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        clientRetries += 1;
      } catch (failure) {
        error = failure instanceof Error ? ((failure as NodeJS.ErrnoException).code ?? failure.message) : 'unknown';
        break;
      }
    }
    const ok = error === null && status !== null && planned.expected.includes(status);
    this.outcomes.push({
      kind: planned.kind,
      dueAtS: (dueAt - this.startedAt) / 1000,
      latencyMs: performance.now() - dueAt,
      status,
      error,
      ok,
      clientRetries,
      ...(ok || error !== null ? {} : { body: body.slice(0, MAX_BODY_SHOWN) }),
    });
    this.inFlight -= 1;
  }

  /** One attempt; rejects on a socket error, or with `timeout` when no complete answer came within `timeoutMs`. */
  private send(planned: PlannedRequest, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })),
        Math.max(1, timeoutMs),
      );
      const req = request(
        `${this.options.baseUrl}${planned.path}`,
        { agent: this.agent, method: planned.method, headers: planned.headers },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          // Only the bodies that may be read later: unexpected answers and 409s.
          const keep = !planned.expected.includes(status);
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            if (keep && body.length < MAX_BODY_SHOWN) {
              body += chunk;
            }
          });
          res.on('end', () => {
            clearTimeout(timer);
            const retryAfter = Number(res.headers['retry-after']);
            resolve({ status, body, retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null });
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(planned.body);
    });
  }
}
