import type { BenchEnvironment } from './bench-environment';
import { BackendCpuTracker, cpuUsageBetween, takeCpuSnapshot, type CpuUsage } from './cpu-usage';
import { finalEventLagMs } from './ingest-verifier';
import { runIngestPhase } from './ingest-phase';
import type { JobEventMix } from './job-event-mix.util';
import { percentile } from './percentile.util';

/** The figures of one path (the ingester, or the naive consumer) over its measured events. */
export interface PathResult {
  readonly events: number;
  /** First publish → last event acked by the consumer (it acks after commit), s. */
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Events / (first publish → last stream ack), while the consumer works on the same machine. */
  readonly publishPerSecond: number;
  /** Final events: publish → start of the transaction that stored them (lower bound of the commit lag), ms. */
  readonly commitLag: { readonly p50: number; readonly p99: number; readonly max: number };
  /** The same final events: publish → acked by the consumer after its commit (upper bound), ms. */
  readonly ackLag: { readonly p50: number; readonly p99: number };
  readonly cpu: CpuUsage;
  /** Differences between what is stored and what must be; empty when correct. */
  readonly problems: string[];
}

/** Publishes `mix` into the environment while `durable` consumes it, and measures (correctness is the caller's). */
export async function measurePath(
  environment: BenchEnvironment,
  mix: JobEventMix,
  durable: string | undefined,
  pace: { readonly window: number; readonly rate: number },
  pids: { readonly consumerPids: readonly number[]; readonly databaseClientPids: readonly number[] },
): Promise<Omit<PathResult, 'problems'>> {
  const { dataSource, options } = environment.db;
  const backends = new BackendCpuTracker(
    pids.databaseClientPids,
    dataSource,
    Number(new URL(options.url).port || 5432),
  );
  await backends.start();
  const before = takeCpuSnapshot(pids.consumerPids);
  const phase = await runIngestPhase({
    bus: environment.bus.bus,
    publishing: environment.publishing,
    stream: environment.jobStream,
    durable,
    grid: environment.grid,
    mix,
    ...pace,
  });
  const after = takeCpuSnapshot(pids.consumerPids);
  const cpu = cpuUsageBetween(before, after, await backends.stop());
  const end = durable === undefined ? phase.publishedMs : phase.ackedMs;
  const seconds = (end - phase.firstPublishMs) / 1000;
  const lag =
    durable === undefined
      ? { p50: NaN, p99: NaN, max: NaN }
      : await finalEventLagMs(environment.db.dataSource, phase.firstPublishMs);
  return {
    events: mix.events,
    seconds,
    eventsPerSecond: durable === undefined ? NaN : mix.events / seconds,
    publishPerSecond: mix.events / ((phase.publishedMs - phase.firstPublishMs) / 1000),
    commitLag: { p50: lag.p50, p99: lag.p99, max: lag.max },
    ackLag: { p50: percentile(phase.ackLagsMs, 50), p99: percentile(phase.ackLagsMs, 99) },
    cpu,
  };
}
