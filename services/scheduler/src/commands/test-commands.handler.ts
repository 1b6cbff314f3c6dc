import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PermanentError, type Delivery } from '@anvil/bus';
import type { TestCancelRequested, TestRequested } from '@anvil/contracts';
import { TestCommandException } from './test-command.exception';
import { TestCommandsService } from './test-commands.service';

/**
 * Test commands from the gateway. Both replicas consume them through one shared durable each, so the standby
 * helps and a command is handled by exactly one of them (leadership only matters for the tick).
 */
@Controller()
export class TestCommandsHandler {
  constructor(private readonly commands: TestCommandsService) {}

  @EventPattern('anvil.test.requested', { durable: 'scheduler-commands', concurrency: 4 })
  async onTestRequested(@Payload() delivery: Delivery<TestRequested>): Promise<void> {
    await permanentOnRefusal(() => this.commands.request(delivery.message));
  }

  @EventPattern('anvil.test.cancel-requested', { durable: 'scheduler-cancel', concurrency: 4 })
  async onTestCancelRequested(@Payload() delivery: Delivery<TestCancelRequested>): Promise<void> {
    await permanentOnRefusal(() => this.commands.cancel(delivery.message));
  }
}

/** A refused command goes to the dead-letter queue with its reason; anything else is retried. */
async function permanentOnRefusal(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TestCommandException && !error.retryable) {
      throw new PermanentError(`${error.code}: ${error.message}`);
    }
    throw error;
  }
}
