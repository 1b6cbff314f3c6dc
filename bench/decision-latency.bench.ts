// `npm run bench -- decision-latency [--rate 5000] [--seconds 60] [--warmup-seconds 10] [--queues 1000]
// [--broken 240] [--batch 500]`: starts the built decider as a real process on a throwaway schema and namespace
// with a grid of queues, publishes golden job results at `rate` events/s, and measures, for each deciding event
// (the failure after which a queue's exclusion fires), the time from publishing it to receiving
// `anvil.queue.excluded.<queue>`. The measured minute includes one of the decider's checkpoints (default period
// 60 s). At the end it kills the decider and times a restart (restore + replay). Prints p50/p99, the achieved
// rate and the decider's batch figures; asserts nothing. The last line is one JSON object.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { headers } from 'nats';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import { CONTRACTS, ErrorClass, JobState, JobStateChangedSchema, QueueDecidedSchema } from '@anvil/contracts';
import { createTestBus, createTestDatabase, ServiceProcess } from '@anvil/testing';

interface Options {
  rate: number;
  seconds: number;
  warmupSeconds: number;
  queues: number;
  broken: number;
  batch: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { rate: 5000, seconds: 60, warmupSeconds: 10, queues: 1000, broken: 240, batch: 500 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isFinite(value) || value <= 0) {
      throw new Error(
        `usage: decision-latency [--rate N] [--seconds N] [--warmup-seconds N] [--queues N] [--broken N] [--batch N]`,
      );
    }
    options[key] = value;
  }
  return options;
}

const FAILURES_PER_BROKEN_QUEUE = 8;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const db = await createTestDatabase();
  const bus = await createTestBus();
  let decider: ServiceProcess | undefined;
  try {
    // The grid: sites of 10 queues, two golden templates with one running test each.
    const queueIds = Array.from({ length: options.queues }, (_, i) => `q${String(i).padStart(5, '0')}`);
    await db.dataSource.query(
      `INSERT INTO sites (id, name) SELECT 'site' || s, 'site' || s FROM generate_series(0, ($1 - 1) / 10) s`,
      [options.queues],
    );
    await db.dataSource.query(
      `INSERT INTO queues (id, site_id, name, backend, labels)
       SELECT 'q' || lpad(n::text, 5, '0'), 'site' || (n / 10), 'q' || lpad(n::text, 5, '0'), 'sim',
         jsonb_build_object('vo', CASE WHEN n % 2 = 0 THEN 'atlas' ELSE 'cms' END)
       FROM generate_series(0, $1 - 1) n`,
      [options.queues],
    );
    const testIds: string[] = [];
    for (let t = 0; t < 2; t++) {
      const templateId = randomUUID();
      const testId = randomUUID();
      await db.dataSource.query(
        `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, $2, 1, 'bench')`,
        [templateId, `bench-${templateId}`],
      );
      await db.dataSource.query(
        `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
           lifetime_seconds, robot, golden, created_by) VALUES ($1, 1, 'functional', '{}', '{}', '{}', 3600, true, true, 'bench')`,
        [templateId],
      );
      await db.dataSource.query(
        `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, created_by)
         VALUES ($1, $2, 1, 'functional', true, 'running', now() - interval '1 hour', now() + interval '1 day', 'bench')`,
        [testId, templateId],
      );
      testIds.push(testId);
    }

    // Exclusion events arrive on a plain subscription (JetStream also delivers to core subscribers).
    const publishedAt = new Map<string, number>();
    const latencies: number[] = [];
    const excluded = new Set<string>();
    const subscription = bus.bus.nc.subscribe(bus.bus.namespace.subject('anvil.queue.excluded.*'), {
      callback: (error, msg) => {
        const receivedAt = performance.now();
        if (error !== null) {
          return;
        }
        const decided = fromBinary(QueueDecidedSchema, msg.data);
        const sentAt = publishedAt.get(decided.evidence?.jobIds[0] ?? '');
        if (decided.enforced && sentAt !== undefined && !excluded.has(decided.queueId)) {
          excluded.add(decided.queueId);
          latencies.push(receivedAt - sentAt);
        }
      },
    });

    const deciderEnv = {
      ...db.env,
      ...bus.env,
      ANVIL_DECIDER_ID: 'decider-bench',
      ANVIL_DECIDER_PORT: '0',
      ANVIL_DECIDER_POLICY: 'anvil-default',
      ANVIL_DECIDER_BATCH_SIZE: String(options.batch),
      // Debug: the decider logs every batch (size, duration), summarised below.
      ANVIL_LOG_LEVEL: 'debug',
    };
    decider = await startDecider(deciderEnv);

    const publisher = new Publisher(bus.bus);
    // During the warm-up every queue builds a history of successes; then the broken ones get three site failures
    // in a row (and nothing else), spread evenly over the measured part, while the others go on succeeding.
    const healthy = queueIds.slice(options.broken);
    const failures: { at: number; queueId: string }[] = [];
    const measureMs = options.seconds * 1000;
    queueIds.slice(0, options.broken).forEach((queueId, i) => {
      const first = options.warmupSeconds * 1000 + ((i + 0.5) / options.broken) * (measureMs - 3000);
      // The policy decides after a few failures in a row (3 or 4 with anvil-default, depending on history); the
      // deciding one is the newest job in the exclusion's evidence. Failures after it change nothing.
      for (let k = 0; k < FAILURES_PER_BROKEN_QUEUE; k++) {
        failures.push({ at: first + k * 300, queueId });
      }
    });
    failures.sort((a, b) => a.at - b.at);

    let sent = 0;
    let healthyNext = 0;
    let failureNext = 0;
    let outstanding = 0;
    let publishErrors = 0;
    const totalMs = (options.warmupSeconds + options.seconds) * 1000;
    const event = (queueId: string, failed: boolean) => {
      const jobId = randomUUID();
      const now = Date.now();
      return create(JobStateChangedSchema, {
        jobId,
        testId: testIds[sent % 2],
        queueId,
        backend: 'sim',
        state: failed ? JobState.FAILED : JobState.COMPLETED,
        submittedAt: timestampFromMs(now - 120_000),
        occurredAt: timestampFromMs(now),
        errorClass: failed ? ErrorClass.SITE : ErrorClass.UNSPECIFIED,
      });
    };
    const ackLatencies: number[] = [];
    const { nc, namespace } = bus.bus;
    const send = (queueId: string, failed: boolean) => {
      const message = event(queueId, failed);
      sent += 1;
      if (!failed) {
        // The load: the same bytes and Nats-Msg-Id a submitter sends, without waiting for each stream ack, so
        // the generator (on the same two cores as everything else) does not queue the deciding events behind it.
        const hdrs = headers();
        hdrs.set('Nats-Msg-Id', CONTRACTS.jobStateChanged.businessKey(message));
        nc.publish(
          namespace.subject(CONTRACTS.jobStateChanged.subject(message)),
          toBinary(JobStateChangedSchema, message),
          {
            headers: hdrs,
          },
        );
        return;
      }
      // A failure that may be deciding goes through the Publisher like a submitter's; its stream ack is timed too.
      const calledAt = performance.now();
      publishedAt.set(message.jobId, calledAt);
      outstanding += 1;
      publisher
        .publish(CONTRACTS.jobStateChanged, message)
        .then(() => ackLatencies.push(performance.now() - calledAt))
        .catch(() => (publishErrors += 1))
        .finally(() => (outstanding -= 1));
    };
    // The decider's backlog: messages in the stream it has not acked yet, sampled every second.
    const backlog: number[] = [];
    const sampler = setInterval(() => {
      bus.bus.jsm.consumers
        .info(bus.bus.namespace.stream('ANVIL_JOBS'), 'decider-job-outcomes')
        .then((info) => backlog.push(info.num_pending + info.num_ack_pending))
        .catch(() => undefined);
    }, 1000);
    const t0 = performance.now();
    let measureStart = 0;
    let sentAtMeasureStart = 0;
    for (;;) {
      const elapsed = performance.now() - t0;
      if (elapsed >= totalMs) {
        break;
      }
      if (measureStart === 0 && elapsed >= options.warmupSeconds * 1000) {
        measureStart = performance.now();
        sentAtMeasureStart = sent;
      }
      const due = Math.floor((elapsed / 1000) * options.rate);
      while (sent < due) {
        if (failureNext < failures.length && failures[failureNext].at <= elapsed) {
          const f = failures[failureNext++];
          send(f.queueId, true);
        } else {
          const pool = measureStart === 0 ? queueIds : healthy;
          send(pool[healthyNext++ % pool.length], false);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await nc.flush();
    const measuredSeconds = (performance.now() - measureStart) / 1000;
    const measuredRate = (sent - sentAtMeasureStart) / measuredSeconds;
    const drainStarted = performance.now();
    while ((outstanding > 0 || excluded.size < options.broken) && performance.now() - drainStarted < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    subscription.unsubscribe();
    clearInterval(sampler);
    const acks = [...ackLatencies].sort((a, b) => a - b);

    const sorted = [...latencies].sort((a, b) => a - b);
    const killedLogs = decider.logs;
    const batches = killedLogs.filter((line) => line.message === 'job batch decided');
    const batchMs = batches.map((line) => Number(line.ms)).sort((a, b) => a - b);
    const batchMessages = batches.reduce((sum, line) => sum + Number(line.messages), 0);
    const checkpoints = killedLogs.filter((line) => line.message === 'checkpoint written');
    // Failover cost: a decider killed now is replaced by one that restores the checkpoint and replays the rest.
    await decider.kill();
    const restartedAt = Date.now();
    decider = await startDecider(deciderEnv);
    const restartMs = Date.now() - restartedAt;
    const restored = decider.logs.find((line) => line.message === 'engine state restored') ?? {};

    const figures = {
      bench: 'decision-latency',
      targetRate: options.rate,
      achievedRate: Math.round(measuredRate),
      events: sent,
      publishErrors,
      queues: options.queues,
      decidingEvents: options.broken,
      exclusionsReceived: latencies.length,
      p50Ms: round(percentile(sorted, 50)),
      p90Ms: round(percentile(sorted, 90)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1] ?? NaN),
      publishAckP50Ms: round(percentile(acks, 50)),
      publishAckP99Ms: round(percentile(acks, 99)),
      deciderBacklogMean: Math.round(backlog.reduce((a, b) => a + b, 0) / Math.max(1, backlog.length)),
      deciderBacklogMax: Math.max(0, ...backlog),
      batchSize: options.batch,
      // The machine is shared: other load during the run shows here (1-minute load average vs. cores).
      loadAverage1m: round(loadavg()[0]),
      cores: cpus().length,
      deciderBatches: batches.length,
      deciderMeanBatch: Math.round(batchMessages / Math.max(1, batches.length)),
      deciderBatchP50Ms: round(percentile(batchMs, 50)),
      deciderBatchP99Ms: round(percentile(batchMs, 99)),
      deciderCheckpoints: checkpoints.length,
      deciderCheckpointMaxMs: Math.max(0, ...checkpoints.map((line) => Number(line.ms))),
      restartToDecidingMs: restartMs,
      restartReplayedEvents: Number(restored.replayedMessages ?? NaN),
      restartRestoreMs: Number(restored.ms ?? NaN),
      restartLoadMs: Number(restored.loadMs ?? NaN),
      restartReplayMs: Number(restored.replayMs ?? NaN),
      restartReplayReadMs: Number(restored.replayReadMs ?? NaN),
      restartReplayEngineMs: Number(restored.replayEngineMs ?? NaN),
      deciderEngineMsMean: round(
        batches.reduce((sum, line) => sum + Number(line.engineMs ?? 0), 0) / Math.max(1, batches.length),
      ),
      deciderCommitMsMean: round(
        batches.reduce((sum, line) => sum + Number(line.commitMs ?? 0), 0) / Math.max(1, batches.length),
      ),
    };
    const logPath = join(tmpdir(), 'anvil-decision-latency-decider.ndjson');
    writeFileSync(logPath, killedLogs.map((line) => JSON.stringify(line)).join('\n'));
    console.log(`decider logs: ${logPath}`);
    console.log(`published ${sent} job results (${figures.achievedRate}/s measured, target ${options.rate}/s)`);
    console.log(`exclusions received: ${latencies.length} of ${options.broken} deciding events`);
    console.log(
      `publish → anvil.queue.excluded: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await decider?.stop();
    await bus.cleanup();
    await db.drop();
  }
}

/** Starts the built decider and waits until it decides (it is the only replica: it takes the lease at once). */
async function startDecider(env: Record<string, string>): Promise<ServiceProcess> {
  const decider = ServiceProcess.start('decider', env);
  const startedAt = Date.now();
  while (!decider.hasLogged('deciding')) {
    if (!decider.running || Date.now() - startedAt > 300_000) {
      throw new Error(`the decider did not start:\n${decider.describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return decider;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
