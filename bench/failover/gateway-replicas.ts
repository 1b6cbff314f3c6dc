import { get } from 'node:http';
import type { HaproxyProcess, ServiceProcess } from '@anvil/testing';

export const REPLICAS = ['gateway-a', 'gateway-b'] as const;
export type ReplicaName = (typeof REPLICAS)[number];

/** What a graceful restart of one replica took, in seconds from its SIGTERM. */
export interface RollFigures {
  replica: ReplicaName;
  /** Seconds since the load started. */
  sigterm_at_s: number;
  /** How the old process ended: exit code 0 after a complete drain. */
  exit_code: number | null;
  exit_signal: string | null;
  exited_after_s: number;
  /** HAProxy reports the new process UP (it then gets traffic, ramped up over `slowstart`). */
  up_after_s: number;
}

/** Starts a replica: a gateway process on `port`; `name` is also its server name in haproxy.cfg. */
export type StartReplica = (name: ReplicaName, port: number) => ServiceProcess;

/** The two gateway replicas behind HAProxy: killed, restarted and rolled as an operator would. */
export class GatewayReplicas {
  private readonly current = new Map<ReplicaName, ServiceProcess>();
  private readonly all: ServiceProcess[] = [];

  constructor(
    private readonly haproxy: HaproxyProcess,
    private readonly ports: Readonly<Record<ReplicaName, number>>,
    private readonly startReplica: StartReplica,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts both and waits until HAProxy has both in rotation. */
  async startAll(): Promise<void> {
    await Promise.all(REPLICAS.map((name) => this.startAndWaitUp(name)));
  }

  /**
   * SIGKILL: no drain. Resolves with the seconds until HAProxy took it out of rotation (from a refused connection
   * or failed checks).
   */
  async kill(name: ReplicaName): Promise<number> {
    const started = performance.now();
    await this.process(name).kill();
    this.log(`${name} killed (SIGKILL)`);
    await this.haproxy.waitForServer(name, 'DOWN', 10_000);
    const downAfterS = (performance.now() - started) / 1000;
    this.log(`${name} DOWN in HAProxy ${downAfterS.toFixed(2)} s after the kill`);
    return downAfterS;
  }

  /** Starts `name` again and resolves with the seconds until HAProxy reports it UP. */
  async restart(name: ReplicaName): Promise<number> {
    const started = performance.now();
    await this.startAndWaitUp(name);
    const upAfterS = (performance.now() - started) / 1000;
    this.log(`${name} started again, UP in HAProxy after ${upAfterS.toFixed(1)} s`);
    return upAfterS;
  }

  /**
   * The rolling restart of infra/local/rolling-restart.sh for one replica: SIGTERM (it drains: /readyz 503,
   * HAProxy takes it out, it finishes its requests and exits), start it again, wait until HAProxy reports it UP.
   */
  async roll(name: ReplicaName, atS: number): Promise<RollFigures> {
    const other = REPLICAS.find((replica) => replica !== name) as ReplicaName;
    await this.waitUp(other, 60_000);
    const started = performance.now();
    const exit = await this.process(name).stop();
    const exitedAfterS = (performance.now() - started) / 1000;
    this.log(
      `${name} drained and exited (code ${exit.code}, signal ${exit.signal}) ${exitedAfterS.toFixed(1)} s after SIGTERM`,
    );
    await this.startAndWaitUp(name);
    const upAfterS = (performance.now() - started) / 1000;
    this.log(`${name} UP again ${upAfterS.toFixed(1)} s after SIGTERM`);
    return {
      replica: name,
      sigterm_at_s: round(atS),
      exit_code: exit.code,
      exit_signal: exit.signal,
      exited_after_s: round(exitedAfterS),
      up_after_s: round(upAfterS),
    };
  }

  /** What the replicas logged (they run at warn: their warnings and errors), by message, with how often. */
  loggedProblems(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const line of this.all.flatMap((process) => process.logs)) {
      const message = String(line.message ?? '').slice(0, 200);
      counts[message] = (counts[message] ?? 0) + 1;
    }
    return counts;
  }

  /** Starts the process, waits until it answers /readyz itself, then until HAProxy has it UP (rise: 2 checks). */
  private async startAndWaitUp(name: ReplicaName): Promise<void> {
    const process = this.startReplica(name, this.ports[name]);
    this.current.set(name, process);
    this.all.push(process);
    const deadline = Date.now() + 60_000;
    while (!(await isReady(this.ports[name]))) {
      if (!process.running || Date.now() > deadline) {
        throw new Error(`${name} did not become ready\n${process.describe()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.waitUp(name, 30_000);
  }

  private async waitUp(name: ReplicaName, timeoutMs: number): Promise<void> {
    try {
      await this.haproxy.waitForServer(name, 'UP', timeoutMs);
    } catch (error) {
      throw new Error(`${String(error)}\n${this.process(name).describe()}`);
    }
  }

  private process(name: ReplicaName): ServiceProcess {
    const process = this.current.get(name);
    if (process === undefined) {
      throw new Error(`${name} was never started`);
    }
    return process;
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function isReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}
