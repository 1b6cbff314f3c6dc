import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { TemplatesController } from './templates.controller';
import { TemplatesRepository } from './templates.repository';
import { TemplatesService } from './templates.service';

@Module({
  imports: [QueuesModule],
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplatesRepository],
  // The tests API reads a template's version when it requests a test.
  exports: [TemplatesRepository],
})
export class TemplatesModule {}
