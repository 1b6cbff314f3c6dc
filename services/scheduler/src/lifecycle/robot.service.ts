import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CONTRACTS } from '@anvil/contracts';
import { TestRepository } from '../tests/test.repository';
import { testMessages } from '../tests/test-messages.util';
import { LifecyclePublisher } from './lifecycle-publisher.service';
import { jitteredLifetimeMs } from './robot-lifetime.util';
import { RobotRepository } from './robot.repository';

/** Keeps one live test per active functional robot template: when one ends, the next starts. */
@Injectable()
export class RobotService {
  private readonly logger = new Logger(RobotService.name);

  constructor(
    private readonly robots: RobotRepository,
    private readonly tests: TestRepository,
    private readonly publisher: LifecyclePublisher,
  ) {}

  /** Creates the missing successors; returns how many this call created. */
  async renew(): Promise<number> {
    let created = 0;
    for (const candidate of await this.robots.candidates()) {
      try {
        const result = await this.tests.create({
          id: randomUUID(),
          templateId: candidate.templateId,
          templateVersion: candidate.version,
          kind: 'functional',
          robot: true,
          startAt: null,
          end: { afterMs: jitteredLifetimeMs(candidate.lifetimeSeconds) },
          predecessorId: candidate.predecessorId,
          createdBy: 'robot',
          selector: candidate.queueSelector,
        });
        if (result === null) {
          // Another scheduler created it between our read and our insert: the unique index kept one.
          this.logger.debug({ templateId: candidate.templateId }, 'robot test already there');
          continue;
        }
        created += 1;
        const { test, queueIds } = result;
        this.logger.log(
          {
            testId: test.id,
            templateId: test.templateId,
            predecessorId: test.predecessorId,
            queues: queueIds.length,
            endAt: test.endAt,
          },
          'robot scheduled the next test',
        );
        if (queueIds.length === 0) {
          this.logger.warn({ testId: test.id, templateId: test.templateId }, 'the template selects no queue');
        }
        await this.publisher.publish(CONTRACTS.testScheduled, testMessages.scheduled(test));
      } catch (error) {
        // One broken template must not keep the others from being renewed.
        this.logger.error({ err: error, templateId: candidate.templateId }, 'robot could not renew a template');
      }
    }
    return created;
  }
}
