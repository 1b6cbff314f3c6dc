import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ProblemLog } from '../common/problem-log';
import { KeeperRegistryService } from '../keeper/keeper-registry.service';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';
import { AssignmentService } from './assignment.service';
import { AssignmentsRepository } from './assignments.repository';

/**
 * Events can be missed (a restart, a publish that failed at the scheduler): every `reconcileMs` the owned
 * running tests are read from the database; each gets a keeper, and keepers of tests no longer running or
 * owned stop.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;
  private readonly problems = new ProblemLog(this.logger);

  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly assignments: AssignmentService,
    private readonly registry: KeeperRegistryService,
    @Inject(SUBMITTER_CONFIG) private readonly config: SubmitterConfig,
  ) {}

  onApplicationBootstrap(): void {
    // First pass right away: after a restart our tests resume without waiting a period.
    this.run(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  async reconcile(): Promise<void> {
    const startedAt = Date.now();
    const rows = await this.repository.ownedRunningTests(this.config.submitterId);
    // At once: a backend slow to list a test's jobs must not hold up the takeover of the others.
    await Promise.all(rows.map((row) => this.assignments.sync(row, 'reconciler')));
    const owned = new Set(rows.map((row) => row.testId));
    // A keeper started after our read (from an assignment event) is not judged on an older snapshot.
    const gone = this.registry.testIds().filter((testId) => {
      const keeper = this.registry.get(testId);
      return keeper !== undefined && !owned.has(testId) && !keeper.stopping && keeper.createdAtMs < startedAt;
    });
    const reassigned = await this.repository.runningElsewhere(this.config.submitterId, gone);
    for (const testId of gone) {
      if (reassigned.has(testId)) {
        // Its new owner adopts the jobs in flight: cancelling them here would destroy its work.
        this.registry.stop(testId, 'the test was given to another submitter', { cancelJobs: false });
      } else {
        this.registry.stop(testId, 'the test is no longer running');
      }
    }
    this.logger.debug({ owned: rows.length, keepers: this.registry.testIds().length }, 'reconciled');
  }

  private run(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.current = this.reconcile()
        .then(() => this.problems.resolved('reconcile', 'reconciliation restored'))
        .catch((error: unknown) =>
          this.problems.report(
            'reconcile',
            { err: error },
            'reconciliation failed; keepers keep running as they are',
            'error',
          ),
        )
        .finally(() => {
          this.current = undefined;
          this.run(this.config.reconcileMs);
        });
    }, delayMs);
  }
}
