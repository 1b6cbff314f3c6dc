// `npm run bench -- failover [--rate 300] [--seconds 60] [--kill-at-s 10] [--writes-percent 15] [--tests 20]`
// HAProxy (haproxy/haproxy.cfg) in front of two gateway replicas, under a fixed-rate load of reads and idempotent
// writes. During the load one replica is killed with SIGKILL and started again, then both are rolled one at a
// time (SIGTERM: drain, exit, start, UP in HAProxy). Prints {"requests":N,"failed":N,...}: `failed` counts every
// request that did not get the status it was designed to get (socket errors and timeouts included); it should be 0.
import { createApiToken } from '@anvil/db';
import { freePort, HaproxyProcess } from '@anvil/testing';
import { AccessLogCollector } from './failover/access-log-collector';
import { FixedRateLoad } from './failover/fixed-rate-load';
import { GatewayReplicas, REPLICAS, type RollFigures } from './failover/gateway-replicas';
import { summarizeLoad } from './failover/load-summary.util';
import { plannedRequest } from './failover/request-mix';
import { parseCountOptions } from './submission/count-options.util';
import { seedSimTestGrid } from './submission/sim-test-grid';
import { withSubmissionEnvironment } from './submission/submission-environment';
import { sleep } from './submission/wait-for';

const OPTIONS = { rate: 300, seconds: 60, 'kill-at-s': 10, 'writes-percent': 15, tests: 20 };
/** Time for a restarted replica to get its full share (slowstart 5 s) before the next event. */
const SETTLE_MS = 6000;
const REQUEST_TIMEOUT_MS = 10_000;
const PROGRESS_EVERY_MS = 5000;

async function main(): Promise<void> {
  const options = parseCountOptions(process.argv.slice(2), OPTIONS);
  if (options.rate < 1 || options['writes-percent'] > 100 || options.tests < 1) {
    throw new Error('--rate and --tests must be at least 1, --writes-percent at most 100');
  }
  const figures = await withSubmissionEnvironment(async (env) => {
    const { testIds } = await seedSimTestGrid(env.db.dataSource, {
      queues: 40,
      tests: options.tests,
      minQueueDepth: 1,
      maxRunning: 2,
      timeScale: 1,
      seed: 7,
    });
    const { token } = await createApiToken(env.db.dataSource.manager, {
      name: 'failover-bench',
      role: 'operator',
      createdBy: 'bench',
    });
    const accessLogs = await AccessLogCollector.start();
    const [port, statsPort, portA, portB] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const haproxy = await HaproxyProcess.start({
      port,
      statsPort,
      gatewayA: `127.0.0.1:${portA}`,
      gatewayB: `127.0.0.1:${portB}`,
      syslog: accessLogs.address,
    });
    try {
      const load = new FixedRateLoad({
        baseUrl: haproxy.url,
        rate: options.rate,
        timeoutMs: REQUEST_TIMEOUT_MS,
        plan: (i) =>
          plannedRequest(i, { writesPercent: options['writes-percent'], testIds, authorization: `Bearer ${token}` }),
      });
      const replicas = new GatewayReplicas(
        haproxy,
        { 'gateway-a': portA, 'gateway-b': portB },
        // Request logs off: the bench reads a replica's stdout through a pipe, which at this rate would be measured
        // instead of the replica (in production they go to a file or journald).
        (name, replicaPort) =>
          env.start('gateway', name, { ANVIL_GATEWAY_PORT: String(replicaPort), ANVIL_LOG_LEVEL: 'warn' }),
        (line) => console.error(`[${load.elapsedS.toFixed(1)} s] ${line}`),
      );
      await replicas.startAll();
      console.error(
        `HAProxy on ${haproxy.url} (stats http://127.0.0.1:${statsPort}/stats), replicas on ${portA} and ${portB}; ` +
          `${options.rate} requests/s for at least ${options.seconds} s`,
      );

      load.start();
      const progress = setInterval(() => void printProgress(load, haproxy), PROGRESS_EVERY_MS);
      await sleep(options['kill-at-s'] * 1000);
      const killAtS = load.elapsedS;
      const killedDownAfterS = await replicas.kill('gateway-a');
      const killedUpAfterS = await replicas.restart('gateway-a');
      await sleep(SETTLE_MS);
      const rolls: RollFigures[] = [];
      for (const name of REPLICAS) {
        rolls.push(await replicas.roll(name, load.elapsedS));
        await sleep(SETTLE_MS);
      }
      await sleep(Math.max(0, options.seconds - load.elapsedS) * 1000);
      const durationS = load.elapsedS;
      console.error(`[${durationS.toFixed(1)} s] load stopped; waiting for ${load.pending} requests in flight`);
      await load.stop();
      clearInterval(progress);
      // The last access log datagrams.
      await sleep(500);
      const { retried_examples: retriedExamples, ...haproxyFigures } = accessLogs.current;
      for (const line of retriedExamples) {
        console.error(`retried by HAProxy: ${line}`);
      }
      const problems = replicas.loggedProblems();
      if (Object.keys(problems).length > 0) {
        console.error(`the replicas logged: ${JSON.stringify(problems)}`);
      }
      const summary = summarizeLoad(load.outcomes, durationS);
      const { failures, ...rest } = summary;
      if (failures.length > 0) {
        console.error(`first failures: ${JSON.stringify(failures)}`);
      }
      return {
        ...rest,
        target_rate: options.rate,
        seconds: round(durationS),
        kill_at_s: round(killAtS),
        killed_down_after_s: round(killedDownAfterS),
        killed_up_after_s: round(killedUpAfterS),
        rolls,
        haproxy: haproxyFigures,
        ...(failures.length > 0 ? { failures } : {}),
      };
    } finally {
      await haproxy.stop();
      accessLogs.close();
    }
  });
  console.log(JSON.stringify(figures));
}

async function printProgress(load: FixedRateLoad, haproxy: HaproxyProcess): Promise<void> {
  const outcomes = load.outcomes;
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const states = await haproxy.serverStates().catch(() => new Map<string, string>());
  const rotation = [...states].map(([name, state]) => `${name} ${state}`).join(', ');
  console.error(
    `[${load.elapsedS.toFixed(1)} s] answered ${outcomes.length}, failed ${failed}, in flight ${load.pending} | ${rotation}`,
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
