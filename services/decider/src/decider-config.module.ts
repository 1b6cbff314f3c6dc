import { Global, Module } from '@nestjs/common';
import { DECIDER_CONFIG } from './decider.constants';
import { loadDeciderConfig } from './decider.env';

@Global()
@Module({
  providers: [{ provide: DECIDER_CONFIG, useFactory: () => loadDeciderConfig() }],
  exports: [DECIDER_CONFIG],
})
export class DeciderConfigModule {}
