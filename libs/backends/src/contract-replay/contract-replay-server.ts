import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedExchange, RecordedResponse } from './recorded-exchange';
import { requestMismatches, type ReceivedRequest } from './request-mismatches.util';

/** Status the replay server answers a request with when it does not match the recording. */
export const REPLAY_MISMATCH_STATUS = 599;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function received(request: IncomingMessage, bodyText: string): ReceivedRequest {
  const url = new URL(request.url ?? '/', 'http://replay.invalid');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return { method: request.method ?? '', path: url.pathname, query, headers, bodyText };
}

function send(response: ServerResponse, recorded: RecordedResponse): void {
  if ('networkError' in recorded) {
    response.socket?.destroy();
    return;
  }
  const text = typeof recorded.body === 'string' ? recorded.body : JSON.stringify(recorded.body ?? null);
  const contentType = typeof recorded.body === 'string' ? 'text/plain' : 'application/json';
  response.writeHead(recorded.status, { 'content-type': contentType, ...recorded.headers });
  response.end(text);
}

/**
 * A local HTTP server that stands in for a remote API in contract tests: it answers requests with recorded
 * responses, in the recorded order, and notes every request that differs from its recording (answering it
 * with status 599). `verify()` then fails the test for any mismatch, unexpected request or exchange never
 * requested — so a client that swallows the 599 still fails.
 */
export class ContractReplayServer {
  private next = 0;
  private readonly problems: string[] = [];

  private constructor(
    private readonly server: Server,
    private readonly exchanges: readonly RecordedExchange[],
  ) {}

  /** Starts a server on a free loopback port that replays `exchanges` in order. */
  static async start(exchanges: readonly RecordedExchange[]): Promise<ContractReplayServer> {
    const server = createServer((request, response) => {
      void replay.handle(request, response);
    });
    const replay = new ContractReplayServer(server, exchanges);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return replay;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Names of the exchanges not requested yet. */
  get pending(): string[] {
    return this.exchanges.slice(this.next).map((exchange) => exchange.name);
  }

  /** Throws, listing every problem, when a request did not match or a recorded exchange was never requested. */
  verify(): void {
    const problems = [...this.problems, ...this.pending.map((name) => `exchange "${name}" was never requested`)];
    if (problems.length > 0) {
      throw new Error(`the client did not follow the recorded exchanges:\n- ${problems.join('\n- ')}`);
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const actual = received(request, await readBody(request));
    const exchange = this.exchanges[this.next];
    const describe = `${actual.method} ${actual.path}`;
    if (exchange === undefined) {
      this.problems.push(`unexpected request ${describe} after the last recorded exchange`);
      response.writeHead(REPLAY_MISMATCH_STATUS).end('unexpected request');
      return;
    }
    const mismatches = requestMismatches(exchange.request, actual);
    if (mismatches.length > 0) {
      // The exchange stays unconsumed: verify() reports it as never requested, too.
      this.problems.push(`request ${describe} does not match exchange "${exchange.name}": ${mismatches.join('; ')}`);
      response.writeHead(REPLAY_MISMATCH_STATUS).end(mismatches.join('\n'));
      return;
    }
    this.next += 1;
    send(response, exchange.response);
  }
}
