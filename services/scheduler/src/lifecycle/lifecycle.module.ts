import { Module } from '@nestjs/common';
import { TestsModule } from '../tests/tests.module';
import { LifecyclePublisher } from './lifecycle-publisher.service';
import { LifecycleRepository } from './lifecycle.repository';
import { LifecycleTickService } from './lifecycle-tick.service';
import { RobotRepository } from './robot.repository';
import { RobotService } from './robot.service';
import { SubmitterRegistryRepository } from './submitter-registry.repository';
import { TestAssignerService } from './test-assigner.service';

@Module({
  imports: [TestsModule],
  providers: [
    LifecycleRepository,
    RobotRepository,
    SubmitterRegistryRepository,
    LifecyclePublisher,
    RobotService,
    TestAssignerService,
    LifecycleTickService,
  ],
})
export class LifecycleModule {}
