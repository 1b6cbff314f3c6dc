import { Inject, Injectable, Logger } from '@nestjs/common';
import { SCHEDULER_CONFIG } from '../scheduler.constants';
import type { SchedulerConfig } from '../scheduler.env';
import type { AssignmentRow } from './assignment-row.type';
import { LifecycleRepository } from './lifecycle.repository';
import { pickSubmitter } from './submitter-choice.util';
import { SubmitterRegistryRepository } from './submitter-registry.repository';

/** Gives every running test without a live owner to the least loaded live submitter. */
@Injectable()
export class TestAssignerService {
  private readonly logger = new Logger(TestAssignerService.name);
  // Tests already warned about (no live submitter), so the warning is logged once per test.
  private warned = new Set<string>();

  constructor(
    private readonly lifecycle: LifecycleRepository,
    private readonly registry: SubmitterRegistryRepository,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  /** Assigns (committed one by one); the caller publishes the returned assignments. */
  async assignUnowned(): Promise<AssignmentRow[]> {
    const assigned: AssignmentRow[] = [];
    const live = await this.registry.live(Date.now(), this.config.submitterDeadMs);
    const unowned = await this.lifecycle.unowned(live);
    this.forgetWarningsExcept(unowned.map((t) => t.id));
    if (unowned.length === 0) {
      return assigned;
    }
    if (live.length === 0) {
      for (const test of unowned.filter((t) => !this.warned.has(t.id))) {
        this.warned.add(test.id);
        this.logger.warn(
          { testId: test.id, previousSubmitterId: test.submitterId },
          'no live submitter: the test stays running unassigned until one heartbeats',
        );
      }
      return assigned;
    }
    const load = await this.lifecycle.runningCounts(live);
    for (const test of unowned) {
      const submitterId = pickSubmitter(live, load);
      if (submitterId === null) {
        break;
      }
      const row = await this.lifecycle.assign(test.id, test.submitterId, submitterId);
      if (row === null) {
        continue; // finished or reassigned meanwhile
      }
      load.set(submitterId, (load.get(submitterId) ?? 0) + 1);
      this.warned.delete(test.id);
      assigned.push(row);
      this.logger.log(
        { testId: test.id, submitterId, previousSubmitterId: test.submitterId, leaseEpoch: row.leaseEpoch },
        test.submitterId === null ? 'test assigned' : 'test reassigned from a dead submitter',
      );
    }
    return assigned;
  }

  private forgetWarningsExcept(ids: readonly string[]): void {
    const keep = new Set(ids);
    this.warned = new Set([...this.warned].filter((id) => keep.has(id)));
  }
}
