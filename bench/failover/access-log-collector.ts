import { createSocket, type Socket } from 'node:dgram';

/** What HAProxy's access logs (haproxy/haproxy.cfg `log-format`) say about the load. */
export interface AccessLogFigures {
  /** Requests logged. */
  logged: number;
  /** Requests HAProxy sent more than once (a refused connection, or an empty response to a safe request). */
  retried: number;
  /** Of those, requests whose retry went to the other replica. */
  redispatched: number;
  /** Retried requests other than GET and HEAD (allowed to be retried by their Idempotency-Key). */
  retried_writes: number;
  /** Requests answered by each server; `<NOSRV>`: by HAProxy itself (no replica available). */
  by_server: Record<string, number>;
  /** Session termination states other than a normal end (`----`), e.g. `SD--` (the server closed mid-response). */
  abnormal_terminations: Record<string, number>;
  /** The first log lines of retried writes and of a few retried reads, to read why. */
  retried_examples: string[];
}

const RETRIED_WRITE_EXAMPLES = 10;
const RETRIED_READ_EXAMPLES = 3;

interface AccessLogLine {
  method?: string;
  server?: string;
  retries?: string;
  termination?: string;
}

/** Listens for HAProxy's syslog datagrams (RFC 5424, a JSON object as message) on a free UDP port of loopback. */
export class AccessLogCollector {
  private readonly figures: AccessLogFigures = {
    logged: 0,
    retried: 0,
    redispatched: 0,
    retried_writes: 0,
    by_server: {},
    abnormal_terminations: {},
    retried_examples: [],
  };

  private readExamples = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (datagram) => this.onLine(datagram.toString('utf8')));
  }

  static async start(): Promise<AccessLogCollector> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new AccessLogCollector(socket);
  }

  /** `host:port` for ANVIL_HAPROXY_SYSLOG. */
  get address(): string {
    const { address, port } = this.socket.address();
    return `${address}:${port}`;
  }

  get current(): AccessLogFigures {
    return structuredClone(this.figures);
  }

  close(): void {
    this.socket.close();
  }

  private onLine(line: string): void {
    const start = line.indexOf('{');
    if (start < 0) {
      return;
    }
    let entry: AccessLogLine;
    try {
      entry = JSON.parse(line.slice(start)) as AccessLogLine;
    } catch {
      return;
    }
    this.figures.logged += 1;
    const server = entry.server ?? 'unknown';
    this.figures.by_server[server] = (this.figures.by_server[server] ?? 0) + 1;
    // `%rc`: the number of retries, prefixed with + when the request was redispatched.
    if (entry.retries !== undefined && entry.retries !== '0') {
      this.figures.retried += 1;
      const write = entry.method !== 'GET' && entry.method !== 'HEAD';
      if (write) {
        this.figures.retried_writes += 1;
      }
      if (write ? this.figures.retried_writes <= RETRIED_WRITE_EXAMPLES : this.readExamples++ < RETRIED_READ_EXAMPLES) {
        this.figures.retried_examples.push(line.slice(start));
      }
      if (entry.retries.startsWith('+')) {
        this.figures.redispatched += 1;
      }
    }
    const termination = entry.termination ?? '';
    if (termination !== '' && !termination.startsWith('--')) {
      this.figures.abnormal_terminations[termination] = (this.figures.abnormal_terminations[termination] ?? 0) + 1;
    }
  }
}
