import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';
import { TEST_OPENSEARCH_URL } from './test-opensearch';

/**
 * A TCP proxy on loopback in front of a real server (OpenSearch by default, or NATS) that a test closes and opens
 * again, to play an outage of that server without stopping it (other tests use it). Closed: connections are
 * refused and open ones are cut.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target = new URL(TEST_OPENSEARCH_URL)): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port) });
    await proxy.open();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    if (server !== undefined) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
