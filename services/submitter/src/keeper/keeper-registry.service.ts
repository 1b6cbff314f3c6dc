import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { context, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { Publisher } from '@anvil/bus';
import { CONTRACTS } from '@anvil/contracts';
import { currentTraceparent, traceparentContext } from '@anvil/telemetry';
import { HeartbeatService } from '../heartbeat/heartbeat.service';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';
import { BackendPoolService } from './backend-pool.service';
import type { KeeperTest } from './keeper-test.type';
import { TestKeeper, type KeeperAdoption, type KeeperDependencies } from './test-keeper';

/**
 * The keepers of this submitter, one per owned test, and their tick: every `tickMs` each keeper not still busy
 * with its previous tick runs one, so a slow backend delays only its own tests. Stopped keepers are dropped
 * once their last events are published.
 *
 * Tracing: a keeper started while handling `anvil.test.assigned` keeps that message's trace, and its job events
 * are published in it, so they belong to the trace of the request that created the test (the scheduler stores
 * it with the test). Only the publishes join it, not the polls: a long test would otherwise pile up spans.
 */
@Injectable()
export class KeeperRegistryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KeeperRegistryService.name);
  private readonly keepers = new Map<string, TestKeeper>();
  private readonly ticking = new Map<string, Promise<void>>();
  /** Trace of each keeper's test, when it was started or joined from a traced assignment. */
  private readonly traces = new Map<string, Context>();
  private readonly deps: KeeperDependencies;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    backends: BackendPoolService,
    publisher: Publisher,
    heartbeat: HeartbeatService,
    @Inject(SUBMITTER_CONFIG) config: SubmitterConfig,
  ) {
    this.deps = {
      submitterId: config.submitterId,
      clock: Date.now,
      maySubmit: () => heartbeat.isFresh(Date.now()),
      backendFor: (name) => backends.get(name),
      publish: (event) =>
        context.with(this.traces.get(event.testId) ?? ROOT_CONTEXT, () =>
          publisher.publish(CONTRACTS.jobStateChanged, event),
        ),
      lostAfterMs: config.lostAfterMs,
      maxSubmitPerTick: config.maxSubmitPerTick,
    };
    this.tickMs = config.tickMs;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tickAll(), this.tickMs);
  }

  /**
   * On shutdown the keepers stop ticking but do not cancel their jobs: the test goes on after a restart or on
   * another submitter, which adopts the jobs in flight from the database. Pending events get one last try.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.ticking.values());
    await Promise.all([...this.keepers.values()].map((keeper) => keeper.flush()));
    const unpublished = [...this.keepers.values()].reduce((sum, keeper) => sum + keeper.pending, 0);
    if (unpublished > 0) {
      this.logger.warn({ unpublished }, 'shutting down with unpublished job events');
    }
  }

  get(testId: string): TestKeeper | undefined {
    return this.keepers.get(testId);
  }

  /** Test ids with a keeper (running or still publishing its last events). */
  testIds(): string[] {
    return [...this.keepers.keys()];
  }

  /** Starts a keeper for `test`; the caller checked there is none. `source` is logged (what noticed the test). */
  start(test: KeeperTest, adoption: KeeperAdoption, source: string): TestKeeper {
    const keeper = new TestKeeper(test, this.deps, adoption);
    this.keepers.set(test.testId, keeper);
    this.joinTrace(test.testId);
    this.logger.log(
      {
        testId: test.testId,
        leaseEpoch: String(test.leaseEpoch),
        queues: test.queues.length,
        adopted: adoption.jobs.length + (adoption.unannounced?.length ?? 0),
        source,
      },
      'keeper started',
    );
    return keeper;
  }

  /**
   * Gives the test's keeper the trace being handled now (an assignment's), unless it has one: a keeper the
   * reconciler started first joins the trace when the assignment event comes.
   */
  joinTrace(testId: string): void {
    const traceparent = this.traces.has(testId) ? null : currentTraceparent();
    if (traceparent !== null) {
      this.traces.set(testId, traceparentContext(traceparent));
    }
  }

  /** Jobs in flight per backend, over every keeper (read at scrape time by the jobs-in-flight gauge). */
  inFlightByBackend(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const keeper of this.keepers.values()) {
      keeper.countInFlight(counts);
    }
    return counts;
  }

  /** Asks the test's keeper, if any, to stop: cancelling its jobs, unless `cancelJobs` is false. */
  stop(testId: string, reason: string, options: { cancelJobs?: boolean } = {}): void {
    this.keepers.get(testId)?.requestStop(reason, options);
  }

  /** One tick of every keeper not busy; exposed for tests. */
  tickAll(): void {
    if (this.stopped) {
      return;
    }
    for (const [testId, keeper] of this.keepers) {
      if (this.ticking.has(testId)) {
        continue;
      }
      const run = keeper
        .tick()
        .catch((error: unknown) => this.logger.error({ err: error, testId }, 'keeper tick failed'))
        .finally(() => {
          this.ticking.delete(testId);
          if (keeper.done && this.keepers.get(testId) === keeper) {
            this.keepers.delete(testId);
            this.traces.delete(testId);
            this.logger.log({ testId }, 'keeper removed');
          }
        });
      this.ticking.set(testId, run);
    }
  }
}
