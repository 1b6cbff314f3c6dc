import { Global, Module } from '@nestjs/common';
import { SUBMITTER_CONFIG } from './submitter-config.constant';
import { loadSubmitterConfig } from './submitter.env';

@Global()
@Module({
  providers: [{ provide: SUBMITTER_CONFIG, useFactory: () => loadSubmitterConfig() }],
  exports: [SUBMITTER_CONFIG],
})
export class SubmitterConfigModule {}
