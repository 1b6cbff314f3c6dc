import { Agent, request } from 'node:http';
import { percentile } from '../ingest/percentile.util';

export interface LoadResult {
  /** Requests that got a 2xx, read to the last byte. */
  ok: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  /** Errors by kind: an HTTP status, `timeout` or the socket error's code. */
  errorKinds: Record<string, number>;
  /** Latency of every request, ascending (ms). */
  latencies: Float64Array;
  elapsedS: number;
}

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

// Idle connections are closed by the client after 4 s, before HAProxy's `timeout http-keep-alive` (10 s) could
// close one under a request just sent on it (an ECONNRESET that says nothing about the server; as the failover
// benchmark's client does).
const IDLE_CLOSE_MS = 4000;

type Outcome = { ok: true } | { ok: false; kind: string };

/**
 * GET `url` on `agent` and read the whole body; abandoned (an error: `timeout`) if not done within `timeoutMs`,
 * waiting for a free socket included. Never rejects: a failure is an outcome.
 */
function get(agent: Agent, url: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome): void => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const req = request(url, { agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        settle(status >= 200 && status < 300 ? { ok: true } : { ok: false, kind: String(status) });
      });
      res.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, kind: error.code ?? 'response-error' }));
    });
    // A timer cleared with the answer. (`AbortSignal.timeout` kept a signal and its timer alive for the whole
    // timeout after every request: at 500 req/s the load generator spent ~0.25 of a core on them, on the cores
    // it measures, and its event loop's delay counted in every latency.)
    const timer = setTimeout(
      () => {
        settle({ ok: false, kind: 'timeout' });
        req.destroy();
      },
      Math.max(1, Math.round(timeoutMs)),
    );
    req.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, kind: error.code ?? 'request-error' }));
    req.end();
  });
}

class Tally {
  ok = 0;
  errors = 0;
  readonly errorKinds: Record<string, number> = {};
  readonly latencies: number[] = [];

  add(outcome: Outcome, latencyMs: number): void {
    this.latencies.push(latencyMs);
    if (outcome.ok) {
      this.ok++;
    } else {
      this.errors++;
      this.errorKinds[outcome.kind] = (this.errorKinds[outcome.kind] ?? 0) + 1;
    }
  }

  result(elapsedS: number): LoadResult {
    const latencies = Float64Array.from(this.latencies).sort();
    return { ok: this.ok, errors: this.errors, errorKinds: this.errorKinds, latencies, elapsedS };
  }
}

export interface LoadOptions {
  headers: Record<string, string>;
  /** A request still unanswered after this long counts as an error. */
  timeoutMs: number;
}

/**
 * Open loop: request i is due at start + i / rate whatever happened to the earlier ones (so a slow answer does
 * not hold the next requests back), and its latency runs from that due time to the last byte of the body. A
 * server that falls behind therefore shows its queueing in the figures (no coordinated omission), and so does a
 * client whose event loop is late sending.
 */
export async function openLoop(
  urlFor: (i: number) => string,
  options: LoadOptions & { rate: number; durationS: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_CLOSE_MS });
  const total = Math.round(options.rate * options.durationS);
  const interval = 1000 / options.rate;
  const tally = new Tally();
  const start = performance.now() + 10;
  const inFlight: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = (): void => {
      const now = performance.now();
      for (; next < total && start + next * interval <= now; next++) {
        const due = start + next * interval;
        // The deadline runs from the due time: a request the client could not even send in time is a failure too.
        inFlight.push(
          get(agent, urlFor(next), options.headers, options.timeoutMs - (now - due)).then((outcome) =>
            tally.add(outcome, performance.now() - due),
          ),
        );
      }
      if (next < total) {
        setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      } else {
        resolve();
      }
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  return tally.result((performance.now() - start) / 1000);
}

/** Closed loop: `connections` keep-alive connections, each sending its next request when the last answer is read. */
export async function closedLoop(
  urlFor: (i: number) => string,
  options: LoadOptions & { connections: number; durationS: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, timeout: IDLE_CLOSE_MS });
  const tally = new Tally();
  const start = performance.now();
  const end = start + options.durationS * 1000;
  let i = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const sent = performance.now();
      const outcome = await get(agent, urlFor(i++), options.headers, options.timeoutMs);
      tally.add(outcome, performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  return tally.result((performance.now() - start) / 1000);
}

export function latencyFigures(result: LoadResult): LatencyFigures {
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    p50: round(percentile(result.latencies, 50)),
    p90: round(percentile(result.latencies, 90)),
    p99: round(percentile(result.latencies, 99)),
    max: round(result.latencies[result.latencies.length - 1] ?? NaN),
  };
}
