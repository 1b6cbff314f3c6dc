import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Delivery } from '@anvil/bus';
import type { TestAssigned, TestCancelled, TestFinished } from '@anvil/contracts';
import { KeeperRegistryService } from '../keeper/keeper-registry.service';
import { AssignmentService } from './assignment.service';

/**
 * Test lifecycle events for this submitter. `{submitterId}` is resolved by the transport's params: each
 * submitter has its own durables, so every one of them sees every finished and cancelled test.
 */
@Controller()
export class AssignmentsHandler {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly registry: KeeperRegistryService,
  ) {}

  @EventPattern('anvil.test.assigned.{submitterId}', { durable: 'submitter-{submitterId}' })
  async onTestAssigned(@Payload() delivery: Delivery<TestAssigned>): Promise<void> {
    await this.assignments.onAssigned(delivery.message);
  }

  @EventPattern('anvil.test.finished.*', { durable: 'submitter-{submitterId}-finished' })
  onTestFinished(@Payload() delivery: Delivery<TestFinished>): void {
    const { testId, state, reason } = delivery.message;
    this.registry.stop(testId, `the test finished (${state}${reason === '' ? '' : `: ${reason}`})`);
  }

  @EventPattern('anvil.test.cancelled.*', { durable: 'submitter-{submitterId}-cancelled' })
  onTestCancelled(@Payload() delivery: Delivery<TestCancelled>): void {
    const { testId, reason, cancelledBy } = delivery.message;
    const by = cancelledBy === '' ? '' : ` by ${cancelledBy}`;
    this.registry.stop(testId, `the test was cancelled${by}${reason === '' ? '' : `: ${reason}`}`);
  }
}
