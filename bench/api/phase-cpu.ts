import { cpuSecondsBetween, readProcCpu, readSystemCpu, snapshotCommandCpu } from '../ingest/proc-stats.util';

const SERVERS = ['postgres', 'redis-server', 'haproxy'] as const;

/** Cores each part used during a phase (CPU seconds / wall seconds); the machine has `cores` in all. */
export interface PhaseCpu {
  machine: number;
  gateways: number;
  postgres: number;
  redis: number;
  haproxy: number;
  /** This process: the load generator. */
  bench: number;
}

/** Starts counting CPU for the gateway processes `gatewayPids`, the servers and this process; `stop()` reports. */
export function measurePhaseCpu(gatewayPids: readonly number[]): { stop(): PhaseCpu } {
  const started = performance.now();
  const machine = readSystemCpu().busySeconds;
  const gateways = (): number => gatewayPids.reduce((sum, pid) => sum + (readProcCpu(pid)?.ownSeconds ?? 0), 0);
  const gatewaysBefore = gateways();
  const servers = SERVERS.map((command) => snapshotCommandCpu(command));
  const bench = process.cpuUsage();
  return {
    stop() {
      const wall = (performance.now() - started) / 1000;
      const cores = (seconds: number): number => Math.round((seconds / wall) * 100) / 100;
      const [postgres, redis, haproxy] = SERVERS.map((command, i) =>
        cpuSecondsBetween(servers[i], snapshotCommandCpu(command)),
      );
      const benchUsage = process.cpuUsage(bench);
      return {
        machine: cores(readSystemCpu().busySeconds - machine),
        gateways: cores(gateways() - gatewaysBefore),
        postgres: cores(postgres),
        redis: cores(redis),
        haproxy: cores(haproxy),
        bench: cores((benchUsage.user + benchUsage.system) / 1e6),
      };
    },
  };
}

/**
 * Waits (at most `maxWaitMs`) until the gateways use less than a tenth of a core: after an overloaded phase they
 * still work off requests its client gave up on, which would otherwise count against the next phase.
 */
export async function waitUntilIdle(gatewayPids: readonly number[], maxWaitMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline) {
    const cpu = measurePhaseCpu(gatewayPids);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (cpu.stop().gateways < 0.1) {
      return;
    }
  }
}
