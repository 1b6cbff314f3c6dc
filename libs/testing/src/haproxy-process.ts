import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProcessExit } from './service-process';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const CONFIG = join(REPO_ROOT, 'haproxy', 'haproxy.cfg');
// Debian installs it in /usr/sbin, which is not on every user's PATH.
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

export interface HaproxySettings {
  /** Port of the public frontend, on 127.0.0.1. */
  readonly port: number;
  /** Port of the stats page (`/stats`, `/stats;csv`) and Prometheus metrics, on 127.0.0.1. */
  readonly statsPort: number;
  /** `host:port` of the servers `gateway-a` and `gateway-b`. */
  readonly gatewayA: string;
  readonly gatewayB: string;
  /** `host:port` receiving the access logs (syslog over UDP); default 127.0.0.1:5514. */
  readonly syslog?: string;
}

/** A server's state as HAProxy's stats report it: `UP`, `DOWN`, `UP 1/2` (going down), `DOWN 1/2` (going up), `MAINT`… */
export type HaproxyServerStates = ReadonlyMap<string, string>;

/**
 * HAProxy running `haproxy/haproxy.cfg` in the foreground, for tests and benchmarks that go through the edge as
 * `npm run up` does. Needs the `haproxy` binary (Debian package; `.ci/run` and `npm run up` install it).
 */
export class HaproxyProcess {
  private readonly stderr: string[] = [];
  private readonly exited: Promise<ProcessExit>;

  private constructor(
    readonly settings: HaproxySettings,
    private readonly child: ChildProcess,
    private readonly runDir: string,
  ) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: null, signal: null }));
    });
  }

  /** Starts HAProxy and resolves once its stats page answers. */
  static async start(settings: HaproxySettings): Promise<HaproxyProcess> {
    const runDir = mkdtempSync(join(tmpdir(), 'anvil-haproxy-'));
    const child = spawn(HAPROXY, ['-db', '-f', CONFIG], {
      env: {
        ...process.env,
        ANVIL_HAPROXY_ADDR: '127.0.0.1',
        ANVIL_HAPROXY_PORT: String(settings.port),
        ANVIL_HAPROXY_STATS_PORT: String(settings.statsPort),
        ANVIL_GATEWAY_A: settings.gatewayA,
        ANVIL_GATEWAY_B: settings.gatewayB,
        ANVIL_HAPROXY_SOCKET: join(runDir, 'haproxy.sock'),
        ANVIL_HAPROXY_SYSLOG: settings.syslog ?? '127.0.0.1:5514',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const haproxy = new HaproxyProcess(settings, child, runDir);
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (!haproxy.running) {
        throw new Error(`haproxy exited at start: ${haproxy.stderrText}`);
      }
      try {
        await haproxy.serverStates();
        return haproxy;
      } catch (error) {
        if (Date.now() > deadline) {
          await haproxy.stop();
          throw new Error(`haproxy's stats page did not answer within 10 s: ${String(error)}\n${haproxy.stderrText}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get stderrText(): string {
    return this.stderr.join('');
  }

  /** The state of each server of the `gateways` backend, by name (`gateway-a`, `gateway-b`). */
  async serverStates(): Promise<HaproxyServerStates> {
    const csv = await getText(`http://127.0.0.1:${this.settings.statsPort}/stats;csv`);
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const columns = header.split(',');
    const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) => columns.indexOf(name));
    const states = new Map<string, string>();
    for (const row of rows) {
      const fields = row.split(',');
      if (fields[proxy] === 'gateways' && fields[server] !== 'BACKEND') {
        states.set(fields[server], fields[status]);
      }
    }
    return states;
  }

  /** Resolves once HAProxy reports `server` in `state` (e.g. `UP` after a restart); throws after `timeoutMs`. */
  async waitForServer(server: string, state: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: string | undefined;
    for (;;) {
      last = (await this.serverStates()).get(server);
      if (last === state) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`haproxy did not report ${server} ${state} within ${timeoutMs} ms (last: ${last})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM (HAProxy's hard stop: it closes every connection), SIGKILL after 5 s. */
  async stop(): Promise<ProcessExit> {
    if (this.running) {
      this.child.kill('SIGTERM');
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    const exit = await this.exited;
    clearTimeout(timer);
    rmSync(this.runDir, { recursive: true, force: true });
    return exit;
  }
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        response.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url} → ${response.statusCode}`)),
      );
    });
    request.on('error', reject);
    request.setTimeout(2000, () => request.destroy(new Error(`GET ${url} timed out`)));
  });
}
