import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { OverridesController } from './overrides.controller';
import { OverridesRepository } from './overrides.repository';
import { OverridesService } from './overrides.service';

/** Needs the global `BusModule` (for `Publisher`) and `AuditModule` (for `AuditRepository`). */
@Module({
  imports: [QueuesModule],
  controllers: [OverridesController],
  providers: [OverridesService, OverridesRepository],
})
export class OverridesModule {}
