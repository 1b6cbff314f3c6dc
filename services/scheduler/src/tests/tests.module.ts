import { Module } from '@nestjs/common';
import { TemplateVersionRepository } from './template-version.repository';
import { TestRepository } from './test.repository';

/** The `tests` and `templates` tables as the lifecycle and the command handlers use them. */
@Module({
  providers: [TestRepository, TemplateVersionRepository],
  exports: [TestRepository, TemplateVersionRepository],
})
export class TestsModule {}
