import type { DataSource } from 'typeorm';
import { cpuSecondsBetween, readLocalPortsTo, readProcCpu, readSystemCpu, snapshotCommandCpu } from './proc-stats.util';

type Server = 'postgres' | 'nats-server' | 'redis-server';

/** CPU counters of the machine, the consumer processes, the servers and this process at one moment. */
export interface CpuSnapshot {
  readonly atMs: number;
  readonly machineBusySeconds: number;
  readonly consumerSeconds: number;
  readonly servers: Readonly<Record<Server, ReadonlyMap<number, number>>>;
  readonly benchSeconds: number;
}

/** Where the CPU went between two snapshots, in CPU seconds (the machine has `cores` × wall seconds). */
export interface CpuUsage {
  readonly wallSeconds: number;
  readonly machineBusy: number;
  /** The consumer processes (the ingesters; 0 for the naive consumer, which runs inside the bench). */
  readonly consumer: number;
  /** The Postgres backends of the consumer's own connections: its share of `postgres`. */
  readonly consumerPostgres: number;
  /** Every process of these servers on the machine: other work using them counts too. */
  readonly postgres: number;
  readonly nats: number;
  readonly redis: number;
  readonly bench: number;
  /** Busy time of everything else on the machine (other work sharing it). */
  readonly other: number;
}

/**
 * CPU of the Postgres backends serving some processes' connections (the ingesters', or the bench's for the naive
 * consumer): found through their TCP ports every second, so that backends of pool connections opened or closed
 * during the run count too (a closed one loses at most its last second).
 */
export class BackendCpuTracker {
  private readonly firstSeen = new Map<number, number>();
  private readonly lastSeen = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly clientPids: readonly number[],
    private readonly dataSource: DataSource,
    private readonly postgresPort: number,
  ) {}

  async start(): Promise<void> {
    await this.poll(true);
    this.timer = setInterval(() => {
      this.polling ??= this.poll(false)
        .catch(() => undefined)
        .finally(() => (this.polling = undefined));
    }, 1000);
  }

  /** CPU seconds the backends used since `start()`. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.polling;
    await this.poll(false);
    let seconds = 0;
    for (const [pid, last] of this.lastSeen) {
      seconds += last - (this.firstSeen.get(pid) ?? 0);
    }
    return seconds;
  }

  private async poll(first: boolean): Promise<void> {
    const ports = this.clientPids.flatMap((pid) => readLocalPortsTo(pid, this.postgresPort));
    const backends = await this.dataSource.query<{ pid: number }[]>(
      'SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[])',
      [ports],
    );
    for (const { pid } of backends) {
      const seconds = readProcCpu(pid)?.ownSeconds;
      if (seconds !== undefined) {
        // A backend first seen later started during the run: all its CPU counts.
        if (first) {
          this.firstSeen.set(pid, seconds);
        }
        this.lastSeen.set(pid, seconds);
      }
    }
  }
}

export function takeCpuSnapshot(consumerPids: readonly number[]): CpuSnapshot {
  const usage = process.cpuUsage();
  return {
    atMs: Date.now(),
    machineBusySeconds: readSystemCpu().busySeconds,
    consumerSeconds: consumerPids.reduce((sum, pid) => sum + (readProcCpu(pid)?.ownSeconds ?? 0), 0),
    servers: {
      postgres: snapshotCommandCpu('postgres'),
      'nats-server': snapshotCommandCpu('nats-server'),
      'redis-server': snapshotCommandCpu('redis-server'),
    },
    benchSeconds: (usage.user + usage.system) / 1e6,
  };
}

export function cpuUsageBetween(before: CpuSnapshot, after: CpuSnapshot, consumerPostgres: number): CpuUsage {
  const server = (command: Server) => cpuSecondsBetween(before.servers[command], after.servers[command]);
  const usage = {
    wallSeconds: (after.atMs - before.atMs) / 1000,
    machineBusy: after.machineBusySeconds - before.machineBusySeconds,
    consumer: after.consumerSeconds - before.consumerSeconds,
    consumerPostgres,
    postgres: server('postgres'),
    nats: server('nats-server'),
    redis: server('redis-server'),
    bench: after.benchSeconds - before.benchSeconds,
  };
  const ours = usage.consumer + usage.postgres + usage.nats + usage.redis + usage.bench;
  return { ...usage, other: Math.max(0, usage.machineBusy - ours) };
}
