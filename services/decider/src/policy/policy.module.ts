import { Global, Module } from '@nestjs/common';
import { loadPolicySource } from '@anvil/policy';
import { DECIDER_CONFIG } from '../decider.constants';
import type { DeciderConfig } from '../decider.env';
import { ACTIVE_POLICY } from './policy.constants';
import { PolicyRecorder } from './policy-recorder.service';
import { PolicyRepository } from './policy.repository';

@Global()
@Module({
  providers: [
    {
      provide: ACTIVE_POLICY,
      // main.ts has loaded it once already, so an invalid document stops the process before Nest starts.
      useFactory: (config: DeciderConfig) => loadPolicySource(config.policySource),
      inject: [DECIDER_CONFIG],
    },
    PolicyRepository,
    PolicyRecorder,
  ],
  exports: [ACTIVE_POLICY],
})
export class PolicyModule {}
