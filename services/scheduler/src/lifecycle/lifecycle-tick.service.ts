import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { CONTRACTS } from '@anvil/contracts';
import { LeaderElectionService } from '@anvil/db';
import { traceparentContext } from '@anvil/telemetry';
import { SCHEDULER_CONFIG } from '../scheduler.constants';
import type { SchedulerConfig } from '../scheduler.env';
import { testMessages } from '../tests/test-messages.util';
import type { TestRow } from '../tests/test-row.type';
import { assignmentMessage } from './assignment-message.util';
import type { AssignmentRow } from './assignment-row.type';
import { LifecyclePublisher } from './lifecycle-publisher.service';
import { LifecycleRepository } from './lifecycle.repository';
import { RobotService } from './robot.service';
import { TestAssignerService } from './test-assigner.service';

/**
 * The leader's tick, one at a time: complete tests whose end has come, let the robot create the successors
 * (in the same tick, so a functional template is never left without a test for longer than a tick), start
 * tests whose start has come, assign running tests without a live owner; then publish what changed.
 */
@Injectable()
export class LifecycleTickService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LifecycleTickService.name);
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly leader: LeaderElectionService,
    private readonly lifecycle: LifecycleRepository,
    private readonly robot: RobotService,
    private readonly assigner: TestAssignerService,
    private readonly publisher: LifecyclePublisher,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
  ) {}

  onApplicationBootstrap(): void {
    // The leader hands its lease over only after the tick in flight is done, so two ticks never overlap.
    this.leader.onBeforeResign(() => this.stopTicking());
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stopTicking();
  }

  private async stopTicking(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  /** One tick; does nothing unless this replica is the leader. */
  async tick(): Promise<void> {
    const completed = await this.step('complete', [], () => this.lifecycle.completeDue());
    for (const test of completed) {
      this.logger.log({ testId: test.id, templateId: test.templateId, robot: test.robot }, 'test completed');
      await this.publisher.publish(CONTRACTS.testFinished, testMessages.finished(test));
    }
    await this.step('robot', 0, () => this.robot.renew());
    const started = await this.step('start', [], () => this.lifecycle.startDue());
    const assigned = await this.step('assign', [], () => this.assigner.assignUnowned());
    await this.publishStartedAndAssigned(started, assigned);
  }

  private async publishStartedAndAssigned(started: TestRow[], assigned: AssignmentRow[]): Promise<void> {
    const owners = new Map(assigned.map((a) => [a.testId, a.submitterId]));
    for (const test of started) {
      this.logger.log({ testId: test.id, templateId: test.templateId, endAt: test.endAt }, 'test started');
      await this.publisher.publish(CONTRACTS.testStarted, testMessages.started(test, owners.get(test.id) ?? null));
    }
    for (const row of assigned) {
      // In the trace of the request that created the test, which the submitter's job events then continue.
      await context.with(traceparentContext(row.traceParent), () =>
        this.publisher.publish(CONTRACTS.testAssigned, assignmentMessage(row)),
      );
    }
  }

  /**
   * Runs a step only while leader; a failed step is logged and the tick goes on with the next one.
   * A tick cut short (leadership lost, crash) leaves nothing inconsistent: the next leader's tick picks up
   * completed tests without a successor, due tests and unowned tests from the database.
   */
  private async step<T>(name: string, nothing: T, run: () => Promise<T>): Promise<T> {
    if (!this.leader.isLeader()) {
      return nothing;
    }
    try {
      return await run();
    } catch (error) {
      this.logger.error({ err: error, step: name }, 'lifecycle step failed');
      return nothing;
    }
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((error: unknown) => this.logger.error({ err: error }, 'lifecycle tick failed'))
        .finally(() => {
          this.current = undefined;
          this.schedule();
        });
    }, this.config.tickMs);
  }
}
