import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface LogLine {
  message?: string;
  [key: string]: unknown;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * A service running as a real process from its built code (`services/<name>/dist/main.js`), for tests
 * that need a SIGKILL, several replicas, or the whole pipeline. Its JSON log lines are kept for assertions.
 */
export class ServiceProcess {
  readonly logs: LogLine[] = [];
  private readonly stderr: string[] = [];
  private readonly exited: Promise<ProcessExit>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        this.logs.push(parseLogLine(line));
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts `services/<service>/dist/main.js` with the test's environment on top of this process's. */
  static start(service: string, env: Record<string, string>, name = service): ServiceProcess {
    const main = join(REPO_ROOT, 'services', service, 'dist', 'main.js');
    if (!existsSync(main)) {
      throw new Error(`${main} is missing: run \`npm run build\` first`);
    }
    // e.g. ANVIL_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the services a bench starts.
    const nodeArgs = (process.env.ANVIL_SERVICE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
    const child = spawn(process.execPath, [...nodeArgs, main], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  hasLogged(message: string): boolean {
    return this.logs.some((line) => line.message === message);
  }

  /** SIGKILL: no drain, no ack, no lease release. */
  async kill(): Promise<ProcessExit> {
    if (this.running) {
      this.child.kill('SIGKILL');
    }
    return this.exited;
  }

  /** SIGTERM (graceful drain), then SIGKILL if it has not exited within 20 s. */
  async stop(): Promise<ProcessExit> {
    if (this.running) {
      this.child.kill('SIGTERM');
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Resolves when the process exits by itself (e.g. a startup failure). */
  waitForExit(): Promise<ProcessExit> {
    return this.exited;
  }

  /** Everything it wrote to stderr so far. */
  get stderrText(): string {
    return this.stderr.join('');
  }

  /** Its stderr and last log lines, for failure messages. */
  describe(): string {
    const logs = this.logs.slice(-20).map((line) => JSON.stringify(line));
    return `${this.name} (pid ${this.pid}) stderr:\n${this.stderr.join('')}\nlast logs:\n${logs.join('\n')}`;
  }
}

function parseLogLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { message: line };
  }
}
