import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

export interface LogLine {
  message?: string;
  [key: string]: unknown;
}

/** A scheduler running as a real process from the built code (`npx tsc -b services/scheduler`). */
export class SchedulerProcess {
  readonly logs: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly id: string,
    private readonly child: ChildProcess,
  ) {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.logs.push({ message: line });
        }
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(id: string, env: Record<string, string>): SchedulerProcess {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run \`npx tsc -b services/scheduler\` first`);
    }
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ANVIL_SCHEDULER_ID: id, ANVIL_SCHEDULER_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new SchedulerProcess(id, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  hasLogged(message: string): boolean {
    return this.logs.some((line) => line.message === message);
  }

  /** SIGKILL: the process gets no chance to release its lease. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  /**
   * SIGTERM, then SIGKILL if it has not exited within 20 s. Resolves to how it ended (after its shutdown hooks,
   * Nest re-raises SIGTERM, so a graceful stop ends with signal SIGTERM).
   */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  describe(): string {
    return `${this.id} (pid ${this.pid}) stderr:\n${this.stderr.join('')}\nlast logs:\n${this.logs
      .slice(-20)
      .map((l) => JSON.stringify(l))
      .join('\n')}`;
  }
}
