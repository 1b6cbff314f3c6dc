import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TestAssigned } from '@anvil/contracts';
import { KeeperRegistryService } from '../keeper/keeper-registry.service';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';
import { AdoptionService } from './adoption.service';
import { AssignmentsRepository } from './assignments.repository';
import { keeperTestFromRow } from './keeper-test-from-row.util';
import type { OwnedTestRow } from './owned-test-row.type';
import { isUuid } from '@anvil/contracts';

/**
 * Turns ownership in the database into keepers. Events (`anvil.test.assigned`) only say "look now": the
 * database decides, so a replayed or stale assignment never starts a keeper for a test we do not own.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger(AssignmentService.name);
  // Tests whose stored definition is unusable, logged once each.
  private readonly invalid = new Set<string>();

  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly registry: KeeperRegistryService,
    private readonly adoption: AdoptionService,
    @Inject(SUBMITTER_CONFIG) private readonly config: SubmitterConfig,
  ) {}

  /** Handles `anvil.test.assigned.<me>`; throws (to be redelivered) when the database is behind the message. */
  async onAssigned(message: TestAssigned): Promise<void> {
    if (!isUuid(message.testId)) {
      this.logger.warn({ testId: message.testId }, 'assignment ignored: the test id is not a UUID');
      return;
    }
    const row = await this.repository.ownedRunningTest(this.config.submitterId, message.testId);
    if (row === null) {
      this.logger.log({ testId: message.testId }, 'assignment ignored: the test is not running or not ours any more');
      return;
    }
    if (BigInt(row.leaseEpoch) < message.leaseEpoch) {
      throw new Error(
        `test ${message.testId}: database lease epoch ${row.leaseEpoch} is behind the assignment's ${message.leaseEpoch}`,
      );
    }
    await this.sync(row, 'assignment');
  }

  /** Starts a keeper for an owned test, or hands the running keeper the test's current definition. */
  async sync(row: OwnedTestRow, source: 'assignment' | 'reconciler'): Promise<void> {
    let test;
    try {
      test = keeperTestFromRow(row);
      this.invalid.delete(row.testId);
    } catch (error) {
      if (!this.invalid.has(row.testId)) {
        this.invalid.add(row.testId);
        this.logger.error({ err: error, testId: row.testId }, 'cannot run the test: its template version is invalid');
      }
      return;
    }
    const existing = this.registry.get(test.testId);
    if (existing !== undefined) {
      if (!existing.stopping) {
        existing.update(test);
        this.registry.joinTrace(test.testId);
      }
      return;
    }
    if (test.endAt.getTime() <= Date.now()) {
      return; // the scheduler completes it; nothing to run
    }
    const adoption = await this.adoption.adoption(test);
    // Another sync (event and reconciler) may have started it while we read.
    if (this.registry.get(test.testId) !== undefined) {
      return;
    }
    this.registry.start(test, adoption, source);
  }
}
