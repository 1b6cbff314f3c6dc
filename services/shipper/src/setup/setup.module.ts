import { Module } from '@nestjs/common';
import { IndexAdminRepository } from './index-admin.repository';
import { OpenSearchClientModule } from './opensearch-client.module';
import { OpenSearchSetupService } from './opensearch-setup.service';
import { RetentionService } from './retention.service';

/** Index templates and retention in OpenSearch, set up at start before anything is indexed. */
@Module({
  imports: [OpenSearchClientModule],
  providers: [IndexAdminRepository, RetentionService, OpenSearchSetupService],
  exports: [OpenSearchSetupService, RetentionService],
})
export class SetupModule {}
