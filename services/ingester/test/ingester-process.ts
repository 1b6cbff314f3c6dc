import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

/** An ingester running as a real process from the built code (`npx tsc -b services/ingester`). */
export class IngesterProcess {
  private readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(env: Record<string, string>): IngesterProcess {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run \`npx tsc -b services/ingester\` first`);
    }
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ANVIL_INGESTER_PORT: '0', ANVIL_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new IngesterProcess(child);
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

  /** Its output, for failure messages. */
  describe(): string {
    return this.output.join('').split('\n').slice(-30).join('\n');
  }
}
