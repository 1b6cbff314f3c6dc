import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { JOB_STATE_NAMES } from '@anvil/contracts';
import { LIVE_COUNTERS_ALL_QUEUES, liveCounterField, liveCountersKey, REDIS } from '@anvil/db';
import type { RollupDelta } from '../jobs/rollup-delta.type';
import { INGESTER_CONFIG } from '../ingester.constants';
import type { IngesterConfig } from '../ingester.env';
import { IngesterMetrics } from '../metrics/ingester-metrics.service';
import { JobRollupRepository } from './job-rollup.repository';
import { LIVE_COUNTER_SCRIPTS } from './live-counter-scripts.constant';

// A finished test's hash disappears a week after its last change; it is rebuilt if a late job shows up.
const TTL_SECONDS = 7 * 24 * 3600;
const REBUILD_ATTEMPTS = 3;

/**
 * Live per test × queue job counters for the front page and the test page, in the Redis hash of the test (layout in
 * `libs/db/src/live/live-counters.layout.ts`: per queue, and `*` over all queues). A cache of `job_rollups`: increments follow each
 * committed batch; a hash that is missing, or may have missed a batch, is rebuilt from the rollups; the
 * hashes of running tests (and of tests this process touched) are rebuilt every `reconcileMs`.
 */
@Injectable()
export class LiveCountersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveCountersService.name);
  /** Tests whose hash may be wrong (a Redis write failed): rebuilt at the next reconcile. */
  private readonly stale = new Set<string>();
  private readonly touched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) private readonly core: CoreConfig,
    @Inject(INGESTER_CONFIG) private readonly config: IngesterConfig,
    private readonly rollups: JobRollupRepository,
    private readonly metrics: IngesterMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.reconciling;
  }

  key(testId: string): string {
    return liveCountersKey(this.core.namespace, testId);
  }

  /**
   * Applies a committed batch's rollup deltas; rebuilds instead the tests in `rebuild` (their hash may
   * already hold part of this batch) and any test whose hash is missing. Never throws: Redis is a cache.
   */
  async apply(deltas: readonly RollupDelta[], rebuild: ReadonlySet<string>): Promise<void> {
    const increments = new Map<string, Map<string, number>>();
    for (const delta of deltas) {
      this.touched.add(delta.testId);
      if (!rebuild.has(delta.testId)) {
        addDelta(increments, delta);
      }
    }
    const toRebuild = new Set(rebuild);
    const tests = [...increments.keys()];
    if (tests.length > 0) {
      try {
        const pipeline = this.redis.pipeline();
        for (const testId of tests) {
          const fields: (string | number)[] = [];
          for (const [field, n] of increments.get(testId) ?? []) {
            if (n !== 0) {
              fields.push(field, n);
            }
          }
          pipeline.eval(LIVE_COUNTER_SCRIPTS.incrementIfPresent, 1, this.key(testId), TTL_SECONDS, ...fields);
        }
        const results = (await pipeline.exec()) ?? [];
        tests.forEach((testId, i) => {
          const [error, applied] = results[i] ?? [new Error('no reply'), 0];
          if (error) {
            this.markStale(testId, error);
          } else if (applied !== 1) {
            toRebuild.add(testId);
          }
        });
      } catch (error) {
        tests.forEach((testId) => this.markStale(testId, error));
      }
    }
    for (const testId of toRebuild) {
      await this.rebuildOrMark(testId);
    }
  }

  /** Replaces the test's hash with the counts in `job_rollups`; false if it kept changing under us. */
  async rebuild(testId: string): Promise<boolean> {
    const key = this.key(testId);
    for (let attempt = 0; attempt < REBUILD_ATTEMPTS; attempt += 1) {
      const revision = (await this.redis.hget(key, 'rev')) ?? '';
      const fields: (string | number)[] = [];
      const all = new Map<string, number>();
      for (const counts of await this.rollups.countsForTest(testId)) {
        for (const state of [...JOB_STATE_NAMES, 'total'] as const) {
          // A queue's zero counts are left out (a missing field reads as 0): the hash of a 1,000-queue test is
          // about half as big, and the test page reads all of it.
          if (counts[state] !== 0) {
            fields.push(liveCounterField(counts.queueId, state), counts[state]);
          }
          all.set(state, (all.get(state) ?? 0) + counts[state]);
        }
      }
      for (const [state, count] of all) {
        fields.push(liveCounterField(LIVE_COUNTERS_ALL_QUEUES, state), count);
      }
      const replaced = await this.redis.eval(
        LIVE_COUNTER_SCRIPTS.replaceIfRevision,
        1,
        key,
        revision,
        TTL_SECONDS,
        ...fields,
      );
      if (replaced === 1) {
        return true;
      }
    }
    return false;
  }

  /** Rebuilds the hashes of running tests, of tests this process touched and of stale ones. */
  reconcile(): Promise<void> {
    this.reconciling ??= this.reconcileOnce().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async reconcileOnce(): Promise<void> {
    const tests = new Set([...this.stale, ...this.touched]);
    this.touched.clear();
    try {
      for (const testId of await this.rollups.runningTestIds()) {
        tests.add(testId);
      }
    } catch (error) {
      this.logger.warn(`cannot list running tests for the live counter reconcile: ${errorMessage(error)}`);
    }
    for (const testId of tests) {
      if (this.stopped) {
        return;
      }
      await this.rebuildOrMark(testId);
    }
  }

  private async rebuildOrMark(testId: string): Promise<void> {
    try {
      if (await this.rebuild(testId)) {
        this.stale.delete(testId);
        return;
      }
      this.markStale(testId, new Error('the hash kept changing during the rebuild'));
    } catch (error) {
      this.markStale(testId, error);
    }
  }

  private markStale(testId: string, error: unknown): void {
    this.stale.add(testId);
    this.metrics.increment('ingester_live_counter_failures_total');
    this.logger.warn(`live counters of test ${testId} not updated, rebuilding later: ${errorMessage(error)}`);
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.reconcile()
        .catch((error: unknown) => this.logger.error(`live counter reconcile failed: ${errorMessage(error)}`))
        .finally(() => this.schedule());
    }, this.config.reconcileMs);
    this.timer.unref();
  }
}

function addDelta(increments: Map<string, Map<string, number>>, delta: RollupDelta): void {
  let fields = increments.get(delta.testId);
  if (fields === undefined) {
    fields = new Map();
    increments.set(delta.testId, fields);
  }
  const add = (field: string, n: number): void => {
    fields.set(field, (fields.get(field) ?? 0) + n);
  };
  // Most of a delta is zero (a job moves between two states): only the rest becomes a field name.
  for (const state of JOB_STATE_NAMES) {
    const n = delta.counts[state];
    if (n !== 0) {
      add(liveCounterField(delta.queueId, state), n);
      add(liveCounterField(LIVE_COUNTERS_ALL_QUEUES, state), n);
    }
  }
  if (delta.total !== 0) {
    add(liveCounterField(delta.queueId, 'total'), delta.total);
    add(liveCounterField(LIVE_COUNTERS_ALL_QUEUES, 'total'), delta.total);
  }
}
