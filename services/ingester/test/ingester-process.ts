import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

/** An ingester running as a real process from the built code (`npx tsc -b services/ingester`). */
export class IngesterProcess {
  private readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    /** Its HTTP port (health, /metrics); 0 when it was started without one. */
    readonly port: number,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(env: Record<string, string>, port = 0): IngesterProcess {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run \`npx tsc -b services/ingester\` first`);
    }
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ANVIL_INGESTER_PORT: String(port), ANVIL_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new IngesterProcess(child, port);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no drain, no ack, no Redis update for the batch in flight. */
  async kill(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  /** SIGTERM (graceful drain), then SIGKILL if it has not exited within 20 s. */
  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Its counters from `/metrics` (needs a port): `{ name: value }`. */
  async metrics(): Promise<Record<string, number>> {
    const response = await fetch(`http://127.0.0.1:${this.port}/metrics`);
    if (!response.ok) {
      throw new Error(`GET /metrics → ${response.status}`);
    }
    const samples = (await response.text()).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    return Object.fromEntries(
      samples.map((line) => {
        const [name, value] = line.split(' ');
        return [name, Number(value)];
      }),
    );
  }

  /** Its output, for failure messages. */
  describe(): string {
    return this.output.join('').split('\n').slice(-30).join('\n');
  }
}
